#include "html_sections.h"

namespace paxray::html {

// Optional: filtering and zoom. The report reads the same without it.
const char* const kScript =
    "document.documentElement.setAttribute('data-paxray-js','on');"
    "var q=document.getElementById('filter');"
    "q.addEventListener('input',function(){var v=q.value.toLowerCase();"
    "document.querySelectorAll('[data-filter]').forEach(function(r){"
    "r.hidden=v.length>0&&r.textContent.toLowerCase().indexOf(v)<0;});});"
    "document.getElementById('expand').addEventListener('click',function(){"
    "document.querySelectorAll('details').forEach(function(d){d.open=true;});});"
    "var svg=document.getElementById('timeline-svg'),z=1;"
    "function zoom(f){if(!svg)return;z=Math.min(8,Math.max(1,z*f));svg.style.width=(100*z)+'%';}"
    "document.getElementById('zoom-in').addEventListener('click',function(){zoom(1.5);});"
    "document.getElementById('zoom-out').addEventListener('click',function(){zoom(1/1.5);});";

const char* const kScriptCspHash = "sha256-eE++zMojA/TLW4VfzALSQVcMfz6hcxjpZRGscZmfkxk=";

}  // namespace paxray::html
