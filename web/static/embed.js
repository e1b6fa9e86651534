// The chat on a clinic's own website, from one element and one script tag:
//   <div id="myeloma-chat"></div>
//   <script src="https://BOT-HOST/embed.js" defer></script>
// Everything comes from the bot's host, the address this script came from:
// the chat's markup (the bot's own page, so both are always the same chat,
// notices included), chat.css, the socket.io client and chat.js, which runs
// it. The chat lives in a shadow root: the website's styles and the chat's
// never meet, and its ids cannot clash with the page's.
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[src$='/embed.js']");
  var bot = new URL("/", script.src).href;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  // The socket.io client, without taking the name "io" from a page that
  // already has its own.
  function socketIo() {
    var theirs = window.io;
    return load(bot + "vendor/socket.io.min.js").then(function () {
      var ours = window.io;
      if (theirs !== undefined) { window.io = theirs; }
      return ours;
    });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }

  // The bot page's "About this tool" footer, folded away under its heading.
  function about(page) {
    var footer = page.querySelector("footer");
    var details = element("details", "about");
    details.appendChild(element("summary", "", footer.querySelector("h2").textContent));
    footer.querySelectorAll("p").forEach(function (p) {
      details.appendChild(document.importNode(p, true));
    });
    return details;
  }

  function start() {
    var host = document.getElementById("myeloma-chat");
    if (!host) {
      window.console.warn('Myeloma XI explainer: no <div id="myeloma-chat"> on this page');
      return;
    }
    if (host.shadowRoot) { return; }  // the snippet twice: one chat
    var shadow = host.attachShadow({ mode: "open" });
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bot + "static/chat.css";
    var box = element("div", "embedded", "Loading the trial explainer…");
    box.setAttribute("lang", "en-GB");  // whatever the website's own language
    shadow.append(css, box);
    var markup = fetch(bot).then(function (r) {
      if (!r.ok) { throw new Error("the bot's page: " + r.status); }
      return r.text();
    });
    var io = socketIo().then(function (client) {
      return load(bot + "static/chat.js").then(function () { return client; });
    });
    Promise.all([markup, io]).then(function (got) {
      // The bot's own page, parsed inert (no script in it runs): its title,
      // its notice (an automated tool, not medical advice; where to get
      // urgent help) and its chat, exactly as on that page.
      var page = new DOMParser().parseFromString(got[0], "text/html");
      box.textContent = "";
      box.append(element("h2", "title", page.querySelector("h1").textContent),
        document.importNode(page.querySelector(".notice"), true),
        document.importNode(page.querySelector(".chat"), true),
        about(page));
      window.MyelomaChat.mount(shadow, { bot: bot, io: got[1] });
    }).catch(function () {
      box.textContent = "The trial explainer could not be loaded. Please reload the page.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
