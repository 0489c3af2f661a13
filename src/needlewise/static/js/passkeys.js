// Passkeys: register one, log in with one, or confirm with one. The server sends WebAuthn
// options as JSON with base64url strings; the browser wants ArrayBuffers, and back again.
// Without WebAuthn (or JavaScript) the passkey forms stay hidden and codes still work.
"use strict";
(() => {
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  const toBuffer = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
  };
  const toText = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");

  const creation = (o) => {
    o.challenge = toBuffer(o.challenge);
    o.user.id = toBuffer(o.user.id);
    (o.excludeCredentials || []).forEach((c) => { c.id = toBuffer(c.id); });
    return o;
  };
  const request = (o) => {
    o.challenge = toBuffer(o.challenge);
    (o.allowCredentials || []).forEach((c) => { c.id = toBuffer(c.id); });
    return o;
  };
  const asJson = (credential) => {
    const r = credential.response;
    const out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(r.clientDataJSON) },
    };
    if (r.attestationObject) {
      out.response.attestationObject = toText(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    } else {
      out.response.authenticatorData = toText(r.authenticatorData);
      out.response.signature = toText(r.signature);
      out.response.userHandle = r.userHandle ? toText(r.userHandle) : null;
    }
    return out;
  };

  const post = async (url, form, body) => {
    const answer = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
      },
      body: JSON.stringify(body || {}),
    });
    const data = await answer.json().catch(() => ({}));
    if (!answer.ok) throw new Error(data.detail || "Something went wrong. Please try again.");
    return data;
  };
  const say = (form, error) => {
    const box = form.querySelector("[data-passkey-status]");
    box.textContent =
      error.name === "NotAllowedError" || error.name === "AbortError"
        ? "The passkey was not used. You can try again."
        : error.message;
    box.hidden = false;
  };
  const field = (form, name) => (form.querySelector(`[name=${name}]`) || {}).value || "";

  // Each passkey form or button names its kind and the URL of its options.
  const run = {
    register: async (form) => {
      const options = await post(form.dataset.optionsUrl, form);
      const made = await navigator.credentials.create({ publicKey: creation(options) });
      const done = await post(form.action, form, { credential: asJson(made), name: field(form, "name") });
      window.location.assign(done.redirect);
    },
    login: async (form) => {
      const options = await post(form.dataset.optionsUrl, form);
      const used = await navigator.credentials.get({ publicKey: request(options) });
      const done = await post(form.action, form, { credential: asJson(used), next: field(form, "next") });
      window.location.assign(done.redirect);
    },
    confirm: async (form) => {
      const options = await post(form.dataset.optionsUrl, form);
      const used = await navigator.credentials.get({ publicKey: request(options) });
      form.querySelector("[name=passkey]").value = JSON.stringify(asJson(used));
      form.submit();
    },
  };

  document.querySelectorAll("[data-passkey]").forEach((el) => {
    el.hidden = false;
    const form = el.tagName === "FORM" ? el : el.closest("form");
    const start = (event) => {
      event.preventDefault();
      run[el.dataset.passkey](form).catch((error) => say(form, error));
    };
    el.addEventListener(el.tagName === "FORM" ? "submit" : "click", start);
  });
})();
