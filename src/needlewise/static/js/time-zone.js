// Sign-up: the browser's time zone, so reminders and dates are in the person's own time.
// The server checks it against the zone list and keeps UTC for anything else.
(function () {
  "use strict";
  var field = document.querySelector("input[name=time_zone]");
  if (!field || field.value) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    field.value = "";
  }
})();
