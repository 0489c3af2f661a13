// Text too long for a form, caught before it is sent, so nothing typed is lost:
// - a field at its `maxlength` says so beside it (a browser cuts a paste there without a word);
// - a form whose text is past what the server reads (<body data-upload-limit>) or a field past
//   its bound is not sent: a summary at the top names each field, and takes focus.
// Without JavaScript the server still answers, with a page in the layout (views.bad_request).
"use strict";
(() => {
  const limit = Number(document.body.dataset.uploadLimit || 0);
  const fields = "textarea, input[type=text], input[type=search], input:not([type])";
  const nameOf = (field) => {
    const label = field.id && document.querySelector(`label[for="${field.id}"]`);
    if (!label) return field.name;
    const words = label.cloneNode(true);
    words.querySelectorAll(".optional").forEach((part) => part.remove());
    return words.textContent.trim();
  };
  const number = (n) => n.toLocaleString("en-GB");

  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!field.matches || !field.matches(fields) || !field.maxLength || field.maxLength < 0) return;
    let note = document.getElementById(`${field.id}-full`);
    const full = field.value.length >= field.maxLength;
    if (full && !note) {
      note = document.createElement("p");
      note.id = `${field.id}-full`;
      note.className = "hint field-full";
      note.setAttribute("role", "status");
      note.textContent = `This holds at most ${number(field.maxLength)} characters: anything past that was not added.`;
      field.insertAdjacentElement("afterend", note);
    } else if (!full && note) {
      note.remove();
    }
  });

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if ((form.method || "").toLowerCase() !== "post") return;
      const texts = [...form.querySelectorAll(fields)];
      const problems = texts
        .filter((f) => f.maxLength > 0 && f.value.length > f.maxLength)
        .map((f) => [f, `Use at most ${number(f.maxLength)} characters (this has ${number(f.value.length)}).`]);
      const total = texts.reduce((sum, f) => sum + new Blob([f.value]).size, 0);
      if (!problems.length && limit && total > limit) {
        const longest = texts.reduce((a, b) => (b.value.length > a.value.length ? b : a));
        const most = (limit / 1048576).toFixed(1);
        problems.push([longest, `This is too long to send: a form takes at most ${most} MB of text in all.`]);
      }
      if (!problems.length) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      form.querySelector("[data-too-long]")?.remove();
      const box = document.createElement("div");
      box.className = "error-summary";
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      box.dataset.tooLong = "";
      const heading = document.createElement("h2");
      heading.textContent = "Not sent: some text is too long";
      const list = document.createElement("ul");
      for (const [field, message] of problems) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = `#${field.id}`;
        link.dataset.errorLink = "";
        link.textContent = `${nameOf(field)}: ${message}`;
        item.append(link);
        list.append(item);
      }
      const kept = document.createElement("p");
      kept.textContent = "Everything you typed is still here.";
      box.append(heading, kept, list);
      form.prepend(box);
      box.focus();
    },
    true,
  );
})();
