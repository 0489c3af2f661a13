// Before/after slider: the range input reveals the "after" photo from the left, by CSS clip.
// Without JavaScript the two photos simply show one under the other.
(function () {
  "use strict";
  document.querySelectorAll("[data-slider]").forEach(function (box) {
    var after = box.querySelector("[data-slider-after]");
    var range = document.querySelector("[data-slider-range]");
    if (!after || !range) return;
    box.classList.add("slider-on");
    function update() {
      var v = Number(range.value);
      after.style.clipPath = "inset(0 " + (100 - v) + "% 0 0)";
      range.setAttribute("aria-valuetext", v + "% after");
    }
    range.addEventListener("input", update);
    update();
  });
})();
