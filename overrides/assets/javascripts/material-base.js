// Material for MkDocs 9.8.1 (MIT), partials/javascripts/base.html, moved out of the page
// for the Content-Security-Policy. Material computes the scope from the page's base URL;
// this file sits in <site>/assets/javascripts/, so the site root is two folders up.
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
