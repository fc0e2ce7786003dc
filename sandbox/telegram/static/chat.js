// The sandbox's chat page. Message HTML comes from the server already escaped (the "html" field); every other
// string is inserted with textContent.
"use strict";

// ?bot=<id> picks the bot when the sandbox hosts several; it is passed on to every call and link.
const BOT = new URLSearchParams(location.search).get("bot");
const withBot = (path) => (BOT ? `${path}${path.includes("?") ? "&" : "?"}bot=${encodeURIComponent(BOT)}` : path);

const api = async (method, path, body) => {
  const response = await fetch(withBot(path), {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return { data, version: Number(response.headers.get("X-Sandbox-Version") || 0) };
};

const el = (tag, attrs = {}, text = "") => {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text) node.textContent = text;
  return node;
};

const toast = (text) => {
  const box = document.getElementById("toast");
  box.textContent = text;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 3000);
};

async function showList() {
  document.getElementById("list").hidden = false;
  const error = document.getElementById("list-error");
  const refresh = async () => {
    const { data } = await api("GET", "/_sandbox/chats");
    const list = document.getElementById("chats");
    list.replaceChildren(...data.map((chat) => {
      const item = el("li");
      const name = chat.title || [chat.first_name, chat.last_name].filter(Boolean).join(" ");
      item.append(el("a", { href: withBot(`/chat/${chat.id}`) }, `${name} (${chat.type}, ${chat.id})`));
      item.append(el("span", { class: "meta" }, ` ${chat.messages} messages${chat.blocked ? ", blocked" : ""}`));
      return item;
    }));
  };
  const submit = (id, path, extra) => document.getElementById(id).addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(event.target).entries());
    if (!body.id) delete body.id;
    try { await api("POST", path, { ...body, ...extra }); event.target.reset(); await refresh(); }
    catch (e) { error.textContent = e.message; }
  });
  submit("new-user", "/_sandbox/users", { start: true });
  submit("new-channel", "/_sandbox/chats", {});
  try { await refresh(); } catch (e) { error.textContent = e.message; }
}

function renderMessage(message, chatId) {
  const bubble = el("div", { class: `msg ${message.from_bot ? "bot" : "user"}${message.deleted ? " deleted" : ""}` });
  if (message.document) {
    bubble.append(el("a", { href: `/_sandbox/files/${message.document.file_id}`, class: "doc" },
      `📄 ${message.document.file_name} (${message.document.file_size} B)`));
  }
  if (message.photo) {
    // A photo sent by URL links there (the sandbox never fetches it; only http(s) URLs are accepted).
    const href = message.photo.url || `/_sandbox/files/${message.photo.file_id}`;
    bubble.append(el("a", { href, class: "doc", target: "_blank", rel: "noopener" }, "🖼"));
  }
  const body = el("div", { class: "text" });
  body.innerHTML = message.html;  // escaped by the server
  bubble.append(body);
  const meta = el("div", { class: "meta" }, new Date(message.date * 1000).toLocaleTimeString());
  if (message.edits.length) {
    const edited = el("details", { class: "edits" });
    edited.append(el("summary", {}, `edited ${message.edits.length}×`));
    message.edits.forEach((edit) => {
      const old = el("div", { class: "old" });
      old.innerHTML = edit.html;  // escaped by the server
      edited.append(old);
    });
    meta.append(edited);
  }
  if (message.deleted) meta.append(el("span", {}, " deleted"));
  bubble.append(meta);
  message.buttons.forEach((row, r) => {
    const line = el("div", { class: "row" });
    row.forEach((button, c) => {
      const node = el("button", { type: "button" }, button.text);
      node.disabled = message.deleted;
      node.addEventListener("click", async () => {
        if (button.url) { window.open(button.url, "_blank", "noopener"); return; }
        try {
          const sender = document.getElementById("sender").value;
          const { data } = await api("POST", `/_sandbox/chats/${chatId}/press`,
            { message_id: message.message_id, row: r, column: c, ...(sender ? { user_id: Number(sender) } : {}) });
          setTimeout(async () => {
            const answers = (await api("GET", `/_sandbox/callbacks?callback_query_id=${data.callback_query_id}`)).data;
            if (answers[0] && answers[0].text) toast(answers[0].text);
          }, 700);
        } catch (e) { toast(e.message); }
      });
      line.append(node);
    });
    bubble.append(line);
  });
  return bubble;
}

async function showChat(chatId) {
  document.getElementById("chat").hidden = false;
  const chats = (await api("GET", "/_sandbox/chats")).data;
  const chat = chats.find((c) => c.id === chatId);
  document.getElementById("title").textContent = chat ? `· ${chat.title || chat.first_name} (${chat.type})` : `· ${chatId}`;
  const sender = document.getElementById("sender");
  if (chatId < 0) {
    const users = (await api("GET", "/_sandbox/users")).data;
    sender.replaceChildren(...users.map((u) => el("option", { value: u.id }, u.first_name)));
    sender.hidden = false;
  }
  document.getElementById("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("text");
    if (!input.value.trim()) return;
    try {
      await api("POST", `/_sandbox/chats/${chatId}/send`,
        { text: input.value, ...(sender.value ? { user_id: Number(sender.value) } : {}) });
      input.value = "";
    } catch (e) { toast(e.message); }
  });
  let version = -1;
  const box = document.getElementById("messages");
  for (;;) {
    try {
      const result = await api("GET", `/_sandbox/chats/${chatId}/messages?after_version=${version}&wait=25`);
      const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
      box.replaceChildren(...result.data.map((m) => renderMessage(m, chatId)));
      if (atBottom || version < 0) box.scrollTop = box.scrollHeight;
      version = result.version;
    } catch (e) {
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
}

const match = location.pathname.match(/^\/chat\/(-?\d+)$/);
if (match) showChat(Number(match[1])); else showList();
