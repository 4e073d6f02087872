#include "html_sections.h"

namespace paxray::html {

// Optional: filtering, zoom, and opening what a link jumps to. The report
// reads the same without it (the links still jump; a collapsed section stays shut).
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
    "document.getElementById('zoom-out').addEventListener('click',function(){zoom(1/1.5);});"
    // A marker or a finding's link jumps to its target: open the sections around it first.
    "function reveal(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;var t=document.getElementById(id);"
    "if(!t)return;for(var p=t.parentElement;p;p=p.parentElement){if(p.tagName==='DETAILS')p.open=true;}"
    "t.scrollIntoView({block:'center'});}"
    "window.addEventListener('hashchange',reveal);reveal();";

const char* const kScriptCspHash = "sha256-+q6RfhjcFoVwyvr6d3pkgBITeMXrGC6hCQx0hH8c5m0=";

}  // namespace paxray::html
