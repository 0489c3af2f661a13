// A simple stopwatch per area on the technique screen. Without JavaScript the page still works.
"use strict";
document.querySelectorAll("[data-timer]").forEach((box) => {
  const display = box.querySelector("[data-timer-display]");
  const toggle = box.querySelector("[data-timer-toggle]");
  let started = null;
  let tick = null;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    if (tick) {
      clearInterval(tick);
      tick = null;
      toggle.textContent = "Start timer";
      return;
    }
    started = Date.now() - (started ? 0 : 0);
    tick = setInterval(() => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      display.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    }, 250);
    toggle.textContent = "Stop timer";
  });
});
