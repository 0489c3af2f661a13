// Measure a region by drawing it: a box over the photo, dragged with a pointer (mouse, pen or
// touch) or moved with the keyboard, filling the form's pixel fields (which stay, folded, for
// typing). The box is an SVG rect in the photo's own pixels, so no style attribute is needed (CSP).
// Without JavaScript the overlay stays hidden and the numbers are the way to measure.
(function () {
  "use strict";
  var frame = document.querySelector("[data-region-frame]");
  var form = document.querySelector(".region-form");
  if (!frame || !form) return;
  var svg = frame.querySelector("[data-region-overlay]");
  var W = Number(frame.getAttribute("data-width"));
  var H = Number(frame.getAttribute("data-height"));
  var help = document.querySelector("[data-region-help]");
  var status = document.querySelector("[data-region-status]");
  var toggle = document.querySelector("[data-region-card-toggle]");
  if (!svg || !W || !H) return;

  var NAMES = { skin: "Skin box", card: "Card box" };
  var PREFIX = { skin: "id_", card: "id_card_" };

  function field(kind, key) {
    return document.getElementById(PREFIX[kind] + key);
  }

  function Box(kind) {
    this.kind = kind;
    this.rect = svg.querySelector('[data-region-box="' + kind + '"]');
    this.handle = svg.querySelector('[data-region-handle="' + kind + '"]');
    this.shown = false;
    this.r = { x: 0, y: 0, w: W, h: H };
  }

  Box.prototype.read = function () {
    var r = {};
    var given = true;
    ["x", "y", "w", "h"].forEach(function (key) {
      var input = field(this.kind, key);
      var v = input ? parseInt(input.value, 10) : NaN;
      if (isNaN(v)) given = false;
      r[key] = v;
    }, this);
    if (given) this.r = clamp(r);
    return given;
  };

  Box.prototype.write = function () {
    ["x", "y", "w", "h"].forEach(function (key) {
      var input = field(this.kind, key);
      if (input) input.value = this.shown ? String(this.r[key]) : "";
    }, this);
  };

  Box.prototype.words = function () {
    var r = this.r;
    return NAMES[this.kind] + ": left " + r.x + ", top " + r.y + ", " + r.w + " by " + r.h + " pixels";
  };

  Box.prototype.draw = function () {
    var r = this.r;
    var display = this.shown ? "inline" : "none";
    this.rect.setAttribute("display", display);
    this.handle.setAttribute("display", display);
    this.rect.setAttribute("x", r.x);
    this.rect.setAttribute("y", r.y);
    this.rect.setAttribute("width", r.w);
    this.rect.setAttribute("height", r.h);
    var size = handleSize();
    this.handle.setAttribute("x", Math.max(0, r.x + r.w - size));
    this.handle.setAttribute("y", Math.max(0, r.y + r.h - size));
    this.handle.setAttribute("width", size);
    this.handle.setAttribute("height", size);
    this.rect.setAttribute(
      "aria-label",
      this.words() + ". Arrow keys move it, Shift and arrow keys resize it."
    );
  };

  function clamp(r) {
    var x = Math.min(Math.max(0, Math.round(r.x)), W - 1);
    var y = Math.min(Math.max(0, Math.round(r.y)), H - 1);
    var w = Math.min(Math.max(1, Math.round(r.w)), W - x);
    var h = Math.min(Math.max(1, Math.round(r.h)), H - y);
    return { x: x, y: y, w: w, h: h };
  }

  function scale() {
    var box = svg.getBoundingClientRect();
    return box.width ? W / box.width : 1;
  }

  function handleSize() {
    return Math.max(1, Math.round(24 * scale())); // about 24 css px whatever the photo's size
  }

  function toPhoto(event) {
    var box = svg.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * W) / box.width,
      y: ((event.clientY - box.top) * H) / box.height,
    };
  }

  var boxes = { skin: new Box("skin"), card: new Box("card") };
  var active = boxes.skin;

  function update(box, r, announce) {
    box.r = clamp(r);
    box.draw();
    box.write();
    if (announce && status) status.textContent = box.words() + ".";
  }

  // Pointer: drag inside a box moves it, its corner resizes it, elsewhere draws a new one.
  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) return;
    var target = event.target;
    var p = toPhoto(event);
    var kind = target.getAttribute("data-region-box") || target.getAttribute("data-region-handle");
    if (kind) active = boxes[kind];
    var start = { x: active.r.x, y: active.r.y, w: active.r.w, h: active.r.h };
    // A box over the whole photo (the first one) cannot move: a drag in it draws a new one.
    var whole = start.w >= W && start.h >= H;
    var mode = target.hasAttribute("data-region-handle")
      ? "resize"
      : target.hasAttribute("data-region-box") && !whole
        ? "move"
        : "draw";
    drag = { mode: mode, from: p, start: start, id: event.pointerId };
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
    if (mode === "draw") update(active, { x: p.x, y: p.y, w: 1, h: 1 }, false);
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.id) return;
    var p = toPhoto(event);
    var dx = p.x - drag.from.x;
    var dy = p.y - drag.from.y;
    var s = drag.start;
    var r;
    if (drag.mode === "move") {
      r = {
        x: Math.min(Math.max(0, s.x + dx), W - s.w),
        y: Math.min(Math.max(0, s.y + dy), H - s.h),
        w: s.w,
        h: s.h,
      };
    } else if (drag.mode === "resize") {
      r = { x: s.x, y: s.y, w: s.w + dx, h: s.h + dy };
    } else {
      r = {
        x: Math.min(drag.from.x, p.x),
        y: Math.min(drag.from.y, p.y),
        w: Math.abs(dx),
        h: Math.abs(dy),
      };
    }
    update(active, r, false);
  });
  function end(event) {
    if (!drag || event.pointerId !== drag.id) return;
    drag = null;
    if (status) status.textContent = active.words() + ".";
  }
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);

  // Keyboard: arrows move by about 1% of the photo, Shift and arrows resize.
  var KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  Object.keys(boxes).forEach(function (kind) {
    var box = boxes[kind];
    box.rect.setAttribute("tabindex", "0");
    box.rect.setAttribute("role", "group");
    box.rect.setAttribute("aria-roledescription", "movable box");
    box.rect.addEventListener("focus", function () {
      active = box;
    });
    box.rect.addEventListener("keydown", function (event) {
      var d = KEYS[event.key];
      if (!d) return;
      event.preventDefault();
      var step = Math.max(1, Math.round(Math.min(W, H) / 100));
      var r = box.r;
      if (event.shiftKey) {
        update(box, { x: r.x, y: r.y, w: r.w + d[0] * step, h: r.h + d[1] * step }, true);
      } else {
        update(
          box,
          {
            x: Math.min(Math.max(0, r.x + d[0] * step), W - r.w),
            y: Math.min(Math.max(0, r.y + d[1] * step), H - r.h),
            w: r.w,
            h: r.h,
          },
          true
        );
      }
    });
  });

  // Typed numbers move the box too.
  Object.keys(boxes).forEach(function (kind) {
    ["x", "y", "w", "h"].forEach(function (key) {
      var input = field(kind, key);
      if (!input) return;
      input.addEventListener("input", function () {
        var box = boxes[kind];
        if (box.read()) {
          box.shown = true;
          box.draw();
          setToggle();
        }
      });
    });
  });

  function setToggle() {
    if (!toggle) return;
    var on = boxes.card.shown;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = on ? "Leave the card out" : "Mark the card too";
  }

  if (toggle) {
    toggle.addEventListener("click", function () {
      var card = boxes.card;
      card.shown = !card.shown;
      if (card.shown) {
        var side = Math.max(1, Math.round(Math.min(W, H) / 5));
        update(card, { x: 0, y: 0, w: side, h: side }, true);
        active = card;
      } else {
        card.draw();
        card.write();
        active = boxes.skin;
        if (status) status.textContent = "The card is left out.";
      }
      setToggle();
    });
  }

  boxes.skin.shown = true;
  boxes.skin.read();
  boxes.card.shown = boxes.card.read();
  frame.classList.add("region-on");
  if (help) help.hidden = false;
  Object.keys(boxes).forEach(function (kind) {
    boxes[kind].draw();
  });
  setToggle();
  if (status) status.textContent = boxes.skin.words() + ".";
  window.addEventListener("resize", function () {
    boxes.skin.draw();
    boxes.card.draw();
  });
})();
