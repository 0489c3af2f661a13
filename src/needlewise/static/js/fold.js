// The rules page folds each section; a link to a rule, a source or a section (#hash) opens
// what holds it, so a link from a result page lands on the rule, not on a closed fold.
(function () {
  "use strict";
  function openFor(hash) {
    if (!hash || hash.length < 2) return null;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    var target = document.getElementById(id);
    if (!target) return null;
    var fold = target.closest("details");
    while (fold) {
      fold.open = true;
      fold = fold.parentElement && fold.parentElement.closest("details");
    }
    var next = target.nextElementSibling;
    if (/^H[2-3]$/.test(target.tagName) && next && next.tagName === "DETAILS") next.open = true;
    return target;
  }
  var first = openFor(window.location.hash);
  if (first) first.scrollIntoView();
  window.addEventListener("hashchange", function () { openFor(window.location.hash); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) openFor(link.getAttribute("href"));
  });
})();
