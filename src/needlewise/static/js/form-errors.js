// A form sent back with errors: focus its summary, and let each link in it focus its field
// (following a link to an input scrolls to it but leaves focus where it was).
"use strict";
(() => {
  if (window.needlewiseFormErrors) return; // the summary's script may be on the page twice
  window.needlewiseFormErrors = true;
  const summary = document.querySelector("[data-error-summary]");
  if (summary && !summary.contains(document.activeElement)) summary.focus();
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-error-link]");
    if (!link) return;
    const field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    const label = document.querySelector(`label[for="${field.id}"]`) || field;
    label.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
})();
