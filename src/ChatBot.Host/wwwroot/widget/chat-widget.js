/*
 * Trợ lý Dịch vụ công — embeddable chat widget.
 * A town website adds one tag:
 *   <script src="https://BOT-HOST/widget/chat-widget.js" defer></script>
 * Optional attributes: data-bot-url (defaults to the script's own origin), data-open="true" (open at load),
 * data-title (panel title). The widget loads the official Bot Framework Web Chat bundle from the bot host,
 * asks the bot host for a short-lived Direct Line token (the secret never reaches the browser), and talks to
 * the bot over Direct Line with a WebSocket.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var botUrl = (script && script.getAttribute('data-bot-url')) || new URL(script.src, location.href).origin;
  var title = (script && script.getAttribute('data-title')) || 'Trợ lý Dịch vụ công';
  var openAtLoad = script && script.getAttribute('data-open') === 'true';
  var state = { loaded: null, rendered: false };

  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = botUrl + '/widget/chat-widget.css';
  document.head.appendChild(style);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'tldvc-launcher';
  button.setAttribute('aria-controls', 'tldvc-panel');
  button.setAttribute('aria-expanded', 'false');
  button.textContent = '💬 Hỏi ' + title;

  var panel = document.createElement('section');
  panel.id = 'tldvc-panel';
  panel.className = 'tldvc-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  panel.hidden = true;
  panel.innerHTML =
    '<header class="tldvc-header"><span class="tldvc-title"></span>' +
    '<button type="button" class="tldvc-close" aria-label="Đóng khung trò chuyện">✕</button></header>' +
    '<div class="tldvc-chat" id="tldvc-chat"><p class="tldvc-status">Đang kết nối…</p></div>';
  panel.querySelector('.tldvc-title').textContent = title;

  function loadWebChat() {
    if (!state.loaded) {
      state.loaded = new Promise(function (resolve, reject) {
        if (window.WebChat) { resolve(); return; }
        var tag = document.createElement('script');
        tag.src = botUrl + '/webchat/webchat.js';
        tag.onload = function () { resolve(); };
        tag.onerror = function () { reject(new Error('Không tải được khung trò chuyện')); };
        document.head.appendChild(tag);
      });
    }
    return state.loaded;
  }

  function fetchToken() {
    return fetch(botUrl + '/api/directline/token', { method: 'POST' }).then(function (response) {
      if (!response.ok) { throw new Error('token ' + response.status); }
      return response.json();
    });
  }

  function render() {
    if (state.rendered) { return; }
    state.rendered = true;
    var host = panel.querySelector('#tldvc-chat');
    Promise.all([loadWebChat(), fetchToken()]).then(function (results) {
      var conversation = results[1];
      host.innerHTML = '';
      window.WebChat.renderWebChat({
        directLine: window.WebChat.createDirectLine({
          token: conversation.token,
          domain: botUrl + '/v3/directline',
          webSocket: true
        }),
        locale: 'vi-VN',
        styleOptions: {
          hideUploadButton: true,
          fontSizeSmall: '80%',
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
          bubbleBackground: '#f1f5f9',
          bubbleFromUserBackground: '#1d4ed8',
          bubbleFromUserTextColor: '#ffffff',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 16,
          sendBoxHeight: 48
        }
      }, host);
      var input = host.querySelector('input, textarea');
      if (input) { input.focus(); }
    }).catch(function () {
      state.rendered = false;
      host.innerHTML = '<p class="tldvc-status">Chưa kết nối được với trợ lý. Bà con vui lòng thử lại sau hoặc gọi Bộ phận Một cửa.</p>';
    });
  }

  function setOpen(open) {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) { render(); }
  }

  button.addEventListener('click', function () { setOpen(panel.hidden); });
  panel.querySelector('.tldvc-close').addEventListener('click', function () { setOpen(false); button.focus(); });
  // Escape closes the panel, as any dialog does, and gives focus back to the button that opened it.
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !panel.hidden) { setOpen(false); button.focus(); }
  });

  function mount() {
    document.body.appendChild(button);
    document.body.appendChild(panel);
    if (openAtLoad) { setOpen(true); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', mount); } else { mount(); }
})();
