#include "html_sections.h"

namespace paxray::html {

// Optional: filtering, zoom (a brush on the timeline), and opening what a
// link jumps to. The report reads the same without it (the links still jump;
// a collapsed section stays shut; the timeline shows the whole range).
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
    "window.addEventListener('hashchange',reveal);reveal();"
    // A brush on the timeline: drag across it to re-scale it to that range
    // (#zoom=FROM-TO in microseconds, so a zoomed view can be linked to);
    // bars and bands are re-drawn, markers moved, ticks put at round times.
    "var NS='http://www.w3.org/2000/svg',TS=[1e3,2e3,5e3,1e4,2e4,5e4,1e5,2e5,5e5,1e6,2e6,5e6,1e7,1.5e7,3e7,6e7,1.2e8,3e8,"
    "6e8,9e8,1.8e9,3.6e9,7.2e9,2.16e10,4.32e10,8.64e10],cur=null;"
    "function two(n){return (n<10?'0':'')+n;}"
    "function tlabel(us,st){var d=new Date(Math.floor(us/1000)),s=two(d.getUTCHours())+':'+two(d.getUTCMinutes());"
    "if(st<6e7)s+=':'+two(d.getUTCSeconds());if(st<1e6)s+='.'+('00'+d.getUTCMilliseconds()).slice(-3);return s;}"
    "function rescale(a,b){if(!svg)return;var D=svg.dataset,T0=+D.t0,T1=+D.t1,L=+D.left,P=+D.plot;"
    "if(!(b>a)){a=T0;b=T1;}a=Math.max(a,T0);b=Math.min(b,T1);if(!(b>a))return;cur=[a,b];"
    "var k=P/(b-a),X=function(t){return L+(t-a)*k;},T=function(x){return T0+(x-L)/P*(T1-T0);};"
    "svg.querySelectorAll('rect').forEach(function(r){if(r.classList.contains('key'))return;"
    "if(r.dataset.x===undefined){var x0=+r.getAttribute('x');if(x0<L-1)return;r.dataset.x=x0;r.dataset.w=r.getAttribute('width');}"
    "var x=+r.dataset.x,w=+r.dataset.w,nx=X(T(x)),nw=r.classList.contains('mk')?w:Math.max(X(T(x+w))-nx,1);"
    "if(nx+nw<L||nx>L+P){r.style.display='none';return;}r.style.display='';"
    "var c0=Math.max(nx,L),c1=Math.min(nx+nw,L+P);r.setAttribute('x',c0.toFixed(1));"
    "r.setAttribute('width',Math.max(c1-c0,1).toFixed(1));});"
    "var ln=svg.querySelector('line.tick'),tx=svg.querySelector('text.tick');"
    "if(ln){D.y1=ln.getAttribute('y1');D.y2=ln.getAttribute('y2');}if(tx)D.ty=tx.getAttribute('y');"
    "svg.querySelectorAll('.tick').forEach(function(e){e.remove();});"
    "var st=TS[TS.length-1];for(var i=0;i<TS.length;i++){if((b-a)/TS[i]<=8){st=TS[i];break;}}"
    "for(var t=Math.ceil(a/st)*st;t<=b;t+=st){var px=X(t).toFixed(1),l=document.createElementNS(NS,'line'),"
    "e=document.createElementNS(NS,'text');l.setAttribute('class','tick');l.setAttribute('x1',px);l.setAttribute('x2',px);"
    "l.setAttribute('y1',D.y1);l.setAttribute('y2',D.y2);l.setAttribute('stroke','#ddd');e.setAttribute('class','tick');"
    "e.setAttribute('x',px);e.setAttribute('y',D.ty);e.setAttribute('text-anchor','middle');e.setAttribute('fill','#555');"
    "e.textContent=tlabel(t,st);svg.insertBefore(l,svg.firstChild);svg.appendChild(e);}}"
    "function zoomhash(){var m=/^#zoom=(\\d*)-?(\\d*)$/.exec(location.hash);if(!m)return false;rescale(+m[1],+m[2]);return true;}"
    "window.addEventListener('hashchange',zoomhash);zoomhash();"
    "if(svg){var sel=null,sx=0,D=svg.dataset,L=+D.left,P=+D.plot;"
    "var px=function(ev){var q=svg.createSVGPoint();q.x=ev.clientX;q.y=ev.clientY;return q.matrixTransform(svg.getScreenCTM().inverse()).x;};"
    "var tm=function(x){var r=cur||[+D.t0,+D.t1];return r[0]+(Math.min(Math.max(x,L),L+P)-L)/P*(r[1]-r[0]);};"
    "svg.addEventListener('mousedown',function(ev){sx=px(ev);sel=document.createElementNS(NS,'rect');sel.setAttribute('class','key');"
    "sel.setAttribute('y',0);sel.setAttribute('height',svg.viewBox.baseVal.height);sel.setAttribute('width',0);sel.setAttribute('x',sx);"
    "sel.setAttribute('fill','#4e79a7');sel.setAttribute('fill-opacity','0.15');svg.appendChild(sel);ev.preventDefault();});"
    "svg.addEventListener('mousemove',function(ev){if(!sel)return;var x=px(ev);sel.setAttribute('x',Math.min(x,sx));"
    "sel.setAttribute('width',Math.abs(x-sx));});"
    "window.addEventListener('mouseup',function(ev){if(!sel)return;var x=px(ev);sel.remove();sel=null;if(Math.abs(x-sx)<4)return;"
    "location.hash='zoom='+Math.round(tm(Math.min(x,sx)))+'-'+Math.round(tm(Math.max(x,sx)));});"
    "document.getElementById('zoom-reset').addEventListener('click',function(){location.hash='zoom=';});}";

const char* const kScriptCspHash = "sha256-uFt9xGOFydvl4Vr2qHZI8BMig/QxieP2R+sepPGsEKI=";

}  // namespace paxray::html
