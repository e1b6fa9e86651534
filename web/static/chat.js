// Web chat for the Myeloma XI explainer: socket.io to Rasa, nothing else.
// Every piece of text is put on the page with textContent, never as HTML.
// One chat, two places: the bot's own page (index.html, started below) and a
// clinic's website (embed.js mounts the same markup in a shadow root there).
(function () {
  "use strict";

  var SESSION_KEY = "mxi.session";
  var TRANSCRIPT_KEY = "mxi.transcript";
  var GREETING_PAYLOAD = "/greet";

  // The tab's storage, on whichever website the chat is shown.
  function load(key, fallback) {
    try { var v = JSON.parse(window.sessionStorage.getItem(key)); return v === null ? fallback : v; }
    catch (e) { return fallback; }
  }
  function save(key, value) {
    try { window.sessionStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function forget() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
      window.sessionStorage.removeItem(TRANSCRIPT_KEY);
    } catch (e) { /* ignore */ }
  }

  // Runs the chat in root (a document or shadow root holding index.html's
  // chat markup). options: bot, the bot's own page address (its config.json,
  // pictures and links are there); io, the socket.io client.
  function mount(root, options) {
    var log = root.getElementById("log");
    var form = root.getElementById("composer");
    var input = root.getElementById("message");
    var statusLine = root.getElementById("status");
    var restart = root.getElementById("restart");
    var sendButton = root.getElementById("send");

    var sessionId = load(SESSION_KEY, null);
    var transcript = load(TRANSCRIPT_KEY, []);

    // Pictures and links: a path on the bot's site or an http(s) address,
    // nothing else (no javascript:, data: or other schemes).
    function safeUrl(src) {
      try {
        var url = new URL(String(src), options.bot);
        return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
      } catch (e) { return null; }
    }

    // Scrolling. A new reply is shown from its first bubble (a long answer is
    // read from the top), not from its last; the patient's own message, and a
    // transcript restored after a reload, are shown at the end.
    var replyStart = null;  // first bubble of the reply being received, or null
    var GAP = 6;  // px of space kept above that bubble

    function follow() {
      var end = log.scrollHeight - log.clientHeight;
      if (!replyStart || !replyStart.isConnected) { log.scrollTop = end; return; }
      log.scrollTop = Math.max(0, Math.min(end, replyStart.offsetTop - GAP));
    }

    function inCurrentReply(el) {
      return !replyStart || el === replyStart ||
        Boolean(replyStart.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    }

    function place(li, item) {
      if (item.who === "user") { replyStart = null; }
      else if (!replyStart) { replyStart = li; }
      follow();
    }

    function bubble(who) {
      var li = document.createElement("div");
      li.className = "msg " + who;
      var label = document.createElement("span");
      label.className = "who";
      label.textContent = who === "bot" ? "Explainer said: " : "You said: ";
      li.appendChild(label);
      return li;
    }

    function disableOldReplies() {
      var buttons = log.querySelectorAll(".replies button:not([disabled])");
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    }

    function render(item, live) {
      var li = bubble(item.who);
      if (item.text) {
        var p = document.createElement("span");
        p.textContent = item.text;
        li.appendChild(p);
      }
      if (item.picture) {
        var src = safeUrl(item.picture.src);
        if (src) {
          var fig = document.createElement("figure");
          var img = document.createElement("img");
          // A picture that loads late makes its bubble taller: keep the reply's
          // first bubble in place (or the end, after a reload), never jump.
          img.addEventListener("load", function () { if (inCurrentReply(li)) { follow(); } });
          img.src = src;
          img.alt = String(item.picture.alt || "");
          fig.appendChild(img);
          if (item.picture.caption) {
            var cap = document.createElement("figcaption");
            cap.textContent = String(item.picture.caption);
            fig.appendChild(cap);
          }
          li.appendChild(fig);
        }
      }
      if (item.link) {
        var label = String(item.link.label || "Open the link");
        var href = safeUrl(item.link.href);
        var holder = document.createElement("div");
        if (href) {
          var a = document.createElement("a");
          a.className = "link";
          a.href = href;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          a.textContent = label;
          var hint = document.createElement("span");
          hint.className = "visually-hidden";
          hint.textContent = " (opens in a new tab)";
          a.appendChild(hint);
          holder.appendChild(a);
        } else {
          holder.textContent = label;  // an unsafe address is not made a link
        }
        li.appendChild(holder);
      }
      if (item.replies && item.replies.length) {
        var group = document.createElement("div");
        group.className = "replies";
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", "Quick answers");
        item.replies.forEach(function (r) {
          var b = document.createElement("button");
          b.type = "button";
          b.textContent = String(r.title);
          b.disabled = !live || item.used === true;
          b.addEventListener("click", function () {
            item.used = true;
            save(TRANSCRIPT_KEY, transcript);
            send(String(r.payload), String(r.title));
            input.focus();
          });
          group.appendChild(b);
        });
        li.appendChild(group);
      }
      log.appendChild(li);
      return li;
    }

    function remember(item) {
      transcript.push(item);
      save(TRANSCRIPT_KEY, transcript);
      place(render(item, true), item);
    }

    function fromBot(msg) {
      msg = msg || {};
      var item = { who: "bot" };
      if (typeof msg.text === "string") { item.text = msg.text; }
      var replies = msg.quick_replies || msg.buttons;
      if (Array.isArray(replies)) {
        item.replies = replies.filter(function (r) { return r && r.title && r.payload; })
          .map(function (r) { return { title: String(r.title), payload: String(r.payload) }; });
      }
      if (msg.picture && msg.picture.src) {
        item.picture = { src: msg.picture.src, alt: msg.picture.alt, caption: msg.picture.caption };
      } else if (msg.attachment && msg.attachment.type === "image" && msg.attachment.payload) {
        item.picture = { src: msg.attachment.payload.src, alt: "Picture from the explainer" };
      }
      if (msg.link && typeof msg.link === "object" && msg.link.href) {
        item.link = { href: String(msg.link.href), label: String(msg.link.label || "") };
      }
      if (item.text || item.picture || item.replies || item.link) {
        if (item.replies && item.replies.length) { disableOldReplies(); }
        remember(item);
      }
    }

    var socket = null;
    var ready = false;  // true once the server has confirmed the session

    function setReady(value) {
      ready = value;
      input.disabled = !value;
      sendButton.disabled = !value;
    }

    function send(payload, shownAs) {
      var text = String(payload).trim();
      if (!text || !socket || !ready) { return; }
      disableOldReplies();
      if (shownAs !== null) { remember({ who: "user", text: shownAs || text }); }
      socket.emit("user_uttered", { message: text, session_id: sessionId });
    }

    function setStatus(text) { statusLine.textContent = text; }

    setReady(false);

    function start(config) {
      transcript.forEach(function (item, i) { render(item, i === transcript.length - 1); });
      follow();  // restored after a reload: show the end
      socket = options.io(config.rasaUrl, { path: "/socket.io", transports: ["polling"] });
      socket.on("connect", function () {
        setStatus("Connected.");
        socket.emit("session_request", { session_id: sessionId });
      });
      socket.on("session_confirm", function (id) {
        var isNew = id !== sessionId || transcript.length === 0;
        sessionId = typeof id === "string" ? id : (id && id.session_id) || sessionId;
        save(SESSION_KEY, sessionId);
        setReady(true);
        if (isNew && transcript.length === 0) { send(GREETING_PAYLOAD, null); }
      });
      socket.on("bot_uttered", fromBot);
      socket.on("disconnect", function () {
        setReady(false);
        setStatus("Connection lost. Trying again…");
      });
      socket.on("connect_error", function () { setStatus("Cannot reach the explainer. Trying again…"); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      input.value = "";
      send(text);
      input.focus();
    });

    // The skip link (the bot's own page only) focuses the message box where it
    // is, at the bottom of the screen; following "#message" would scroll the
    // page to put it at the top, pushing the title and the conversation off it.
    var skip = root.querySelector(".skip-link");
    if (skip) {
      skip.addEventListener("click", function (event) {
        event.preventDefault();
        input.focus();
      });
    }

    // A new conversation in place: a fresh session and the greeting, without
    // reloading the page (on a clinic's website, its own page).
    restart.addEventListener("click", function () {
      forget();
      sessionId = null;
      transcript = [];
      replyStart = null;
      log.textContent = "";
      if (socket) { socket.disconnect(); socket.connect(); }
      input.focus();
    });

    fetch(new URL("config.json", options.bot).href).then(function (r) { return r.json(); })
      .then(start).catch(function () {
        setStatus("The chat could not start. Please reload the page.");
      });
  }

  window.MyelomaChat = { mount: mount };
  var script = document.currentScript;
  if (script && script.hasAttribute("data-own-page")) {
    mount(document, { bot: new URL("/", window.location.href).href, io: window.io });
  }
})();
