/*
 * The scanner's offline mode: the list's bundle and the queue of offline scans in IndexedDB (idb).
 *
 * - The bundle (GET /api/v1/checkin/lists/{id}/offline/): downloaded whole when the page opens online,
 *   then kept current in the background with ?since=<cursor>. Tickets are found by the SHA-256 of the
 *   scanned code (SubtleCrypto): the bundle never holds a secret, and neither does the queue (a known
 *   ticket is queued by id, an unknown code as typed, for the audit).
 * - Offline answers follow checkin/services/rules.py `evaluate_scan` step by step, with the server's
 *   reason codes and sentences (translated by the page, see views._offline_messages).
 * - The queue survives reloads and closed tabs; it is uploaded in batches (POST /api/v1/checkin/upload/)
 *   whenever the network is back, with backoff. A scan leaves the queue only once the server has
 *   answered it: a page killed mid-upload sends the batch again, and the nonces make that harmless.
 * - The page talks to the device API as a device of its own, registered once per browser and event
 *   (views.scan_device); organisers can revoke it like any device.
 */

import { openDB } from "../vendor/idb/index.js";

const DB_NAME = "checkin-offline";
const DB_VERSION = 1;
export const MAX_BATCH = 500; // the upload endpoint's limit (checkin/services/upload.py MAX_BATCH)
const REFRESH_MS = 60 * 1000;
const MAX_BACKOFF_MS = 60 * 1000;

// --- Accent folding, as core/text.py `fold` and `words` do it ------------------------------------------
const SPECIAL = { "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O" };
const COMBINING = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}_]+/u;

function foldChar(char) {
  if (SPECIAL[char]) return SPECIAL[char];
  const stripped = char.normalize("NFD").replace(COMBINING, "");
  return Array.from(stripped).length === 1 ? stripped : char;
}

export function fold(value) {
  return Array.from(String(value || "").normalize("NFC"), foldChar).join("").toLowerCase();
}

export function words(value) {
  return fold(value).split(NON_WORD).filter(Boolean);
}

function searchText(row) {
  return ` ${words(`${row.name} ${row.organisation} ${row.order_reference}`).join(" ")} `;
}

// --- Small helpers ------------------------------------------------------------------------------------
export async function sha256Hex(value) {
  const digest = await window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function fill(template, values) {
  return String(template || "").replace(/%\((\w+)\)s/g, (match, name) => (name in values ? values[name] : match));
}

function openDatabase() {
  return openDB(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore("meta");
      db.createObjectStore("bundles", { keyPath: "list" });
      const tickets = db.createObjectStore("tickets", { keyPath: ["list", "id"] });
      tickets.createIndex("hash", ["list", "hash"]);
      tickets.createIndex("list", "list");
      db.createObjectStore("queue", { keyPath: "nonce" });
      // Admissions made offline and accepted on upload: another device's earlier scan, uploaded
      // later, can still turn one into a conflict, which the next bundle shows.
      db.createObjectStore("synced", { keyPath: "nonce" });
    },
  });
}

class NetworkDown extends Error {}

export class OfflineScanner {
  /**
   * options: list and event ids, gate, urls {device, bundle, upload}, t (translated sentences),
   * timeZone, csrf() (the CSRF token), onChange() (the banner), onSynced(item, result) (history).
   */
  constructor(options) {
    Object.assign(this, options);
    this.list = Number(options.list);
    this.event = Number(options.event);
    this.networkDown = false;
    this.queued = 0;
    this.offlineSince = null;
    this.bundle = null;
    this.backoff = 0;
    this.draining = null;
    this.clock = new Intl.DateTimeFormat("en-GB", {
      timeZone: this.timeZone || undefined,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  }

  async start() {
    this.db = await openDatabase();
    this.bundle = (await this.db.get("bundles", this.list)) || null;
    this.offlineSince = (await this.db.get("meta", "offline_since")) || null;
    await this.countQueued();
    if (!navigator.onLine) await this.markOffline();
    window.addEventListener("offline", () => this.markOffline());
    window.addEventListener("online", () => this.sync());
    this.changed();
    this.sync({ full: true });
    window.setInterval(() => this.sync(), REFRESH_MS);
  }

  /** Whether a scan is answered here rather than by the server: offline, or scans still to send first
   * (the server must see them before a later scan of the same ticket). */
  get answersLocally() {
    return Boolean(this.bundle) && (!navigator.onLine || this.networkDown || this.queued > 0);
  }

  get ready() {
    return Boolean(this.bundle);
  }

  changed() {
    if (this.onChange) this.onChange(this.status());
  }

  status() {
    return {
      offline: !navigator.onLine || this.networkDown,
      offlineSince: this.offlineSince ? this.localTime(this.offlineSince) : "",
      queued: this.queued,
      bundleCount: this.bundle ? this.bundle.count : null,
      bundleTime: this.bundle ? this.localTime(this.bundle.updated_at) : "",
    };
  }

  async markOffline() {
    this.networkDown = true;
    if (!this.offlineSince) {
      this.offlineSince = new Date().toISOString();
      await this.db.put("meta", this.offlineSince, "offline_since");
    }
    this.changed();
  }

  async markOnline() {
    if (!this.networkDown && !this.offlineSince) return;
    this.networkDown = false;
    this.offlineSince = null;
    await this.db.delete("meta", "offline_since");
    this.changed();
  }

  /** "08:42" today, "30/11 08:42" another day, in the event's time zone (presenters.local_time). */
  localTime(iso) {
    const parts = (date) =>
      Object.fromEntries(this.clock.formatToParts(date).map((part) => [part.type, part.value]));
    const at = parts(new Date(iso));
    const today = parts(new Date());
    const time = `${at.hour}:${at.minute}`;
    return at.year === today.year && at.month === today.month && at.day === today.day
      ? time
      : `${at.day}/${at.month} ${time}`;
  }

  // --- The network: the device API with this browser's token ------------------------------------------
  async request(url, init = {}) {
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", ...init });
    } catch (error) {
      throw new NetworkDown(error.message);
    }
    await this.markOnline();
    return response;
  }

  async token(renew = false) {
    const key = `device:${this.event}`;
    if (!renew) {
      const known = await this.db.get("meta", key);
      if (known) return known.token;
    }
    const response = await this.request(this.urls.device, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": this.csrf() },
      body: JSON.stringify({ list: this.list }),
    });
    if (response.status !== 201) throw new Error(`device: HTTP ${response.status}`);
    const device = await response.json();
    await this.db.put("meta", device, key);
    return device.token;
  }

  /** The device API call; a revoked or forgotten token is replaced once (the staff login allowing). */
  async api(url, init = {}) {
    let response = null;
    for (const renew of [false, true]) {
      const token = await this.token(renew);
      response = await this.request(url, {
        ...init,
        credentials: "omit",
        headers: { ...(init.headers || {}), Accept: "application/json", Authorization: `Token ${token}` },
      });
      if (response.status !== 401) break;
    }
    return response;
  }

  async deviceName() {
    const known = await this.db.get("meta", `device:${this.event}`);
    return known ? known.name : this.gate;
  }

  // --- The bundle ---------------------------------------------------------------------------------------
  async refresh(full) {
    const url = new URL(this.urls.bundle, window.location.href);
    const incremental = !full && this.bundle && this.bundle.cursor;
    if (incremental) url.searchParams.set("since", this.bundle.cursor);
    const response = await this.api(url);
    if (!response.ok) throw new Error(`bundle: HTTP ${response.status}`);
    const data = await response.json();
    const rows = data.tickets.map((values) => {
      const row = { list: this.list };
      data.columns.forEach((column, index) => {
        row[column] = values[index];
      });
      row.search = searchText(row); // folded once here, not on every search
      return row;
    });
    // Scans still in the queue were made here after the server's copy: keep what they changed.
    const pending = new Set((await this.pendingItems()).map((item) => item.ticket));
    const tx = this.db.transaction(["bundles", "tickets"], "readwrite");
    const tickets = tx.objectStore("tickets");
    // The whole bundle replaces the old one in one transaction: never half a list. Keys are
    // [list, id], and an array sorts after every number: this range is the list's tickets.
    if (!incremental) tickets.delete(IDBKeyRange.bound([this.list], [this.list, []]));
    for (const row of rows) {
      if (pending.has(row.id)) {
        const local = await tickets.get([this.list, row.id]);
        if (local) {
          Object.assign(row, { first_entry: local.first_entry || row.first_entry, last_entry: local.last_entry, inside: local.inside });
        }
      }
      tickets.put(row);
    }
    const count = await tickets.index("list").count(IDBKeyRange.only(this.list));
    this.bundle = {
      list: this.list,
      rules: data.list,
      ticket_types: data.ticket_types,
      badges: data.badges,
      cursor: data.cursor,
      updated_at: data.generated_at,
      count,
    };
    tx.objectStore("bundles").put(this.bundle);
    await tx.done;
    this.searchRows = null;
    this.changed();
    await this.findLateConflicts(rows);
  }

  /** An admission this device uploaded as `ok` that the server later made a conflict (another gate's
   * earlier scan arrived after it): the bundle's first entry is now earlier than ours. */
  async findLateConflicts(rows) {
    const synced = (await this.db.getAll("synced")).filter((item) => item.list === this.list);
    if (!synced.length) return;
    const byTicket = new Map(rows.map((row) => [row.id, row]));
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    for (const item of synced) {
      const row = byTicket.get(item.ticket);
      const first = row && row.first_entry;
      const conflict = first && !this.bundle.rules.allow_reentry && new Date(first[0]) < new Date(item.scanned_at);
      if (conflict && this.onSynced) {
        const parts = { gate: first[1] || first[2], time: this.localTime(first[0]) };
        this.onSynced(item, { result: "conflict", message: fill(this.t.reason_conflict, parts) });
      }
      if (conflict || new Date(item.scanned_at) < dayAgo) await this.db.delete("synced", item.nonce);
    }
  }

  /** The queued scans this page can send (its event's: the device token is the event's). */
  async pendingItems() {
    return (await this.db.getAll("queue")).filter((item) => item.event === this.event);
  }

  async countQueued() {
    this.queued = (await this.pendingItems()).length;
    this.changed();
  }

  /** Refresh the bundle and send the queue; on failure, try again later, waiting longer each time. */
  async sync({ full = false } = {}) {
    if (this.syncing) return this.syncing;
    window.clearTimeout(this.retryTimer);
    this.syncing = (async () => {
      try {
        await this.drain();
        await this.refresh(full || !this.bundle);
        this.backoff = 0;
      } catch (error) {
        if (error instanceof NetworkDown) await this.markOffline();
        this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff ? this.backoff * 2 : 1000);
        this.retryTimer = window.setTimeout(() => this.sync({ full: full || !this.bundle }), this.backoff);
      }
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Upload the queue, oldest first, in batches of at most MAX_BATCH; throws when the network fails. */
  async drain() {
    for (;;) {
      const items = await this.pendingItems();
      if (!items.length) return;
      items.sort((a, b) => (a.scanned_at < b.scanned_at ? -1 : a.scanned_at > b.scanned_at ? 1 : 0));
      const batch = items.slice(0, MAX_BATCH);
      const scans = batch.map((item) => {
        const scan = { list: item.list, nonce: item.nonce, scanned_at: item.scanned_at, type: item.type, gate: item.gate };
        if (item.ticket) scan.ticket = item.ticket;
        else scan.secret = item.secret;
        return scan;
      });
      const response = await this.api(this.urls.upload, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scans }),
      });
      if (!response.ok) throw new Error(`upload: HTTP ${response.status}`);
      const { results } = await response.json();
      const answered = new Map(results.map((result) => [result.nonce, result]));
      const tx = this.db.transaction(["queue", "synced"], "readwrite");
      for (const item of batch) {
        const result = answered.get(item.nonce);
        if (!result) continue;
        tx.objectStore("queue").delete(item.nonce);
        if (result.result === "ok" && item.type === "entry" && item.ticket) tx.objectStore("synced").put(item);
      }
      await tx.done;
      await this.countQueued();
      for (const item of batch) {
        const result = answered.get(item.nonce);
        if (result && this.onSynced) this.onSynced(item, result);
      }
    }
  }

  // --- Answering a scan from the bundle -------------------------------------------------------------
  /** Answer a scanned code (or, from the offline search, a ticket id) and queue the scan. */
  async scan({ secret = null, ticketId = null, type = "entry", nonce }) {
    const rules = this.bundle.rules;
    const by = await this.deviceName();
    const now = new Date();
    const row = ticketId
      ? await this.db.get("tickets", [this.list, ticketId])
      : await this.db.getFromIndex("tickets", "hash", [this.list, await sha256Hex(secret)]);
    const [reason, detail, previous] = row ? this.evaluate(row, rules, type, now) : ["invalid", "", null];
    const answer = this.answer(row, reason, detail, previous, type, secret);
    const item = {
      nonce,
      list: this.list,
      event: this.event,
      type,
      scanned_at: now.toISOString(),
      gate: this.gate,
      name: row ? row.name : "",
      local: answer.reason || "ok",
    };
    // A known ticket goes by id: the queue keeps no secret. An unknown code is kept for the audit.
    if (row) item.ticket = row.id;
    else item.secret = secret;
    const tx = this.db.transaction(["queue", "tickets"], "readwrite");
    tx.objectStore("queue").put(item);
    const updated = row && answer.status === "ok" ? this.admitted(row, type, [now.toISOString(), this.gate, by]) : null;
    if (updated) tx.objectStore("tickets").put(updated);
    await tx.done;
    if (updated && this.searchRows) {
      // The next search shows it checked in.
      const index = this.searchRows.findIndex((item) => item.id === updated.id);
      if (index >= 0) this.searchRows[index] = updated;
    }
    await this.countQueued();
    if (navigator.onLine && !this.syncing) this.sync();
    return answer;
  }

  /** rules.py `evaluate_scan`: (reason, detail, previous [time, gate, by]), reason null for a pass. */
  evaluate(row, rules, type, now) {
    if (type === "exit") return [null, "", null];
    const refusal = row.refusal;
    if (refusal && refusal[2]) return [refusal[0], refusal[1], null];
    const from = rules.valid_from ? new Date(rules.valid_from) : null;
    const until = rules.valid_until ? new Date(rules.valid_until) : null;
    if ((from && now < from) || (until && now >= until)) return ["invalid_time", "", null];
    if (refusal) return [refusal[0], refusal[1], null];
    if (row.first_entry) {
      if (!rules.allow_reentry) return ["already_redeemed", "", row.first_entry];
      if (rules.record_exits && row.inside) return ["already_redeemed", "inside", row.last_entry || row.first_entry];
    }
    return [null, "", null];
  }

  /** The stored ticket after a pass: `entry` is [time, gate, by]. */
  admitted(row, type, entry) {
    if (type === "exit") return { ...row, inside: false };
    return { ...row, first_entry: row.first_entry || entry, last_entry: entry, inside: true };
  }

  /** The answer as the server's JSON would be (presenters.result_data), for the page's display; an
   * admission also carries its `badge`, printed from here (badge-link.js). */
  answer(row, reason, detail, previous, type, secret) {
    const ticket = row
      ? {
          id: row.id,
          attendee_name: row.name,
          organisation: row.organisation,
          ticket_type: (this.bundle.ticket_types || {})[String(row.ticket_type)] || "",
        }
      : null;
    const attention = reason === null && type !== "exit" ? row.attention || [] : [];
    return {
      status: reason === null ? "ok" : "error",
      reason,
      message: this.message(reason, detail, previous, type),
      attention: attention.length > 0,
      attention_reasons: attention,
      ticket,
      checkin: null,
      offline: true,
      badge: reason === null && type === "entry" && row ? this.badgeFor(row, secret) : null,
    };
  }

  /** What an admitted ticket's badge prints (badges.py `offline_badges`), in its order's language.
   * `secret`: the scanned code, for the QR code; null when admitted from the search (no secrets here). */
  badgeFor(row, secret) {
    const badges = this.bundle.badges;
    if (!badges) return null; // a bundle stored before badges were in it: printed once synced
    const language = row.language || document.documentElement.lang;
    const type = badges.ticket_types[String(row.ticket_type)] || { layout: "a6", name: {} };
    const category = badges.categories[row.category];
    return {
      language,
      layout: type.layout,
      event: badges.event,
      name: row.name,
      organisation: row.organisation,
      ticket_type: type.name[language] || "",
      category: category ? category.label[language] : row.category,
      colour: category ? category.colour : badges.other_colour,
      secret: secret || null,
    };
  }

  /** presenters.message, from the same translated sentences. */
  message(reason, detail, previous, type) {
    const t = this.t;
    if (reason === null) return type === "exit" ? t.reason_exit : t.reason_ok;
    if (reason === "already_redeemed") {
      if (!previous) return t.reason_already_plain;
      const [time, gate, by] = previous;
      // presenters.already_sentence_key: one whole sentence per (inside, gate, by).
      const key = `reason_${detail === "inside" ? "inside" : "already"}${gate ? "_gate" : ""}${by ? "_by" : ""}`;
      return fill(t[key], { time: this.localTime(time), gate, by });
    }
    if (reason === "unpaid") {
      return { pending_email: t.reason_pending_email, pending_approval: t.reason_pending_approval }[detail] || t.reason_unpaid;
    }
    if (reason === "product" && detail === "no_seat") return t.reason_no_seat;
    return t[`reason_${reason}`] || reason;
  }

  /** After an online answer: the stored ticket follows it (no request), so a scan offline a minute
   * later knows. */
  async noteOnlineAnswer(data) {
    if (!this.db || !data || !data.ticket || !data.checkin || data.status !== "ok") return;
    const row = await this.db.get("tickets", [this.list, data.ticket.id]);
    if (!row) return;
    const { created_at: time, gate, by, type } = data.checkin;
    await this.db.put("tickets", this.admitted(row, type, [time, gate, by]));
  }

  // --- Manual search over the bundle ------------------------------------------------------------------
  /** Every word of the query in the name, organisation or order reference, accents ignored
   * (search.py; e-mail and phone stay on the server). Same shape as the online search's results. */
  async search(query, limit) {
    const terms = words(query);
    if (!terms.length) return [];
    // Read once per bundle into memory (20,000 tickets: a few MB), then every search is a scan of it.
    if (!this.searchRows) this.searchRows = await this.db.getAllFromIndex("tickets", "list", this.list);
    const found = this.searchRows.filter((row) => terms.every((term) => row.search.includes(term)));
    found.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    return found.slice(0, limit).map((row) => ({
      id: row.id,
      attendee_name: row.name,
      organisation: row.organisation,
      ticket_type: (this.bundle.ticket_types || {})[String(row.ticket_type)] || "",
      order_reference: row.order_reference,
      checked_in: Boolean(row.first_entry),
    }));
  }

  /** Logging out: forget the attendees (the bundle) and the token, unless scans still wait to be sent. */
  async forget() {
    if (!this.db || (await this.db.count("queue")) > 0) return;
    const tx = this.db.transaction(["meta", "bundles", "tickets"], "readwrite");
    await Promise.all([tx.objectStore("meta").clear(), tx.objectStore("bundles").clear(), tx.objectStore("tickets").clear()]);
    await tx.done;
  }
}
