// Live "OK again in …" countdowns. The server already rendered the text; this keeps it current.
"use strict";
function words(ms) {
  const minutes = Math.floor(ms / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const plural = (n, w) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (days > 0) return `${plural(days, "day")}${hours ? " " + plural(hours, "hour") : ""}`;
  if (hours > 0) return `${plural(hours, "hour")}${mins ? " " + plural(mins, "minute") : ""}`;
  return plural(Math.max(mins, 1), "minute");
}
function update() {
  document.querySelectorAll("[data-until]").forEach((el) => {
    const left = new Date(el.dataset.until).getTime() - Date.now();
    el.textContent = left > 0 ? `OK again in ${words(left)}` : "OK again now";
  });
}
update();
setInterval(update, 30000);
