// taraz offline certificate verifier: the same verdict as taraz.credentials.verify, in the
// browser, with no network. Written by hand, no library: WebCrypto checks the ES256
// signatures; base64url and JSON are read here, as strictly as the Python reader
// (src/taraz/credentials/envelope.py, lists.py, verification.py: keep the order of checks).
"use strict";

(function () {
  const TOKEN_TYPE = "taraz-certificate";
  const TRUST_LIST_TYPE = "taraz-trust-list";
  const REVOCATION_LIST_TYPE = "taraz-revocation-list";
  const MAX_TOKEN_LENGTH = 8192;
  const LEEWAY_MS = 5 * 60 * 1000;
  const MAX_DATE = 253402300800;
  const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
  const B64URL = /^[A-Za-z0-9_-]*$/;
  const REASON_CODE = /^[a-z][a-z0-9-]{0,63}$/;
  // Python's \s (str.isspace) and the invisible marks a copy may add (tokens.py, _NOISE)
  const NOISE = /[\s\x1c-\x1f\x85\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g;
  const CODES = {
    "unreadable": "credentials.unreadable",
    "bad-format": "credentials.bad-format",
    "unknown-key": "credentials.unknown-key",
    "bad-signature": "credentials.bad-signature",
    "key-not-valid": "credentials.key-not-valid",
    "claims": "credentials.claims",
    "revoked": "credentials.revoked",
    "suspended": "credentials.suspended",
    "expired": "credentials.expired",
    "stale-list": "credentials.stale-list",
  };

  class Rejected extends Error {
    constructor(reason) {
      super(reason);
      this.reason = reason;
    }
  }

  class ListRefused extends Error {
    constructor(code, fields) {
      super(code);
      this.code = code;
      this.fields = fields || {};
    }
  }

  // A JSON number written with a fraction or an exponent: never a NumericDate (Python: float).
  class JsonFloat {
    constructor(text) {
      this.text = text;
    }
    toString() {
      return this.text;
    }
  }

  // -- base64url ---------------------------------------------------------------------------

  function b64encode(bytes) {
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // canonical base64url without padding, or an Error (envelope.b64decode)
  function b64decode(text) {
    if (text.length % 4 === 1 || !B64URL.test(text)) throw new Error("not base64url");
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
    const bin = atob(padded);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    if (b64encode(bytes) !== text) throw new Error("not canonical base64url");
    return bytes;
  }

  // -- strict JSON (envelope.strict_json) ----------------------------------------------------

  function utf8(bytes) {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  }

  // JSON as Python's json.loads reads it, and refuses what strict_json refuses: a name twice,
  // NaN or Infinity. Objects have no prototype; whole numbers are numbers (BigInt beyond
  // 2^53), others JsonFloat.
  function parseJson(text) {
    let i = 0;
    const fail = () => {
      throw new SyntaxError("not JSON at " + i);
    };
    const ws = () => {
      while (i < text.length && " \t\n\r".includes(text[i])) i++;
    };
    const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    function value() {
      ws();
      const c = text[i];
      if (c === "{") return object();
      if (c === "[") return array();
      if (c === '"') return string();
      for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
        if (text.startsWith(word, i)) {
          i += word.length;
          return v;
        }
      }
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail();
      i += m[0].length;
      if (m[1] === undefined && m[2] === undefined) {
        const n = Number(m[0]);
        return Number.isSafeInteger(n) ? n : BigInt(m[0]);
      }
      return new JsonFloat(m[0]);
    }
    function object() {
      i++;
      const out = Object.create(null);
      ws();
      if (text[i] === "}") {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const name = string();
        if (name in out) throw new SyntaxError("a name is given twice");
        ws();
        if (text[i] !== ":") fail();
        i++;
        out[name] = value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return out;
        }
        fail();
      }
    }
    function array() {
      i++;
      const out = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return out;
        }
        fail();
      }
    }
    const ESCAPES = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
    function string() {
      i++;
      let out = "";
      for (;;) {
        if (i >= text.length) fail();
        const c = text[i];
        if (c === '"') {
          i++;
          return out;
        }
        if (c < " ") fail();
        if (c === "\\") {
          const e = text[i + 1];
          if (e === "u") {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
            out += String.fromCharCode(parseInt(hex, 16));
            i += 6;
          } else if (e in ESCAPES) {
            out += ESCAPES[e];
            i += 2;
          } else fail();
        } else {
          out += c;
          i++;
        }
      }
    }
    const result = value();
    ws();
    if (i !== text.length) fail();
    return result;
  }

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof JsonFloat);
  const isNumericDate = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < MAX_DATE;

  // -- the envelope (envelope.open_envelope, signature_holds) ---------------------------------

  function openEnvelope(text, typ) {
    if (!COMPACT.test(text)) throw new Rejected("unreadable");
    const [headerPart, payloadPart, signaturePart] = text.split(".");
    let header, payload, signature;
    try {
      header = parseJson(utf8(b64decode(headerPart)));
      payload = b64decode(payloadPart);
      signature = b64decode(signaturePart);
    } catch (e) {
      throw new Rejected("unreadable");
    }
    if (!isObject(header)) throw new Rejected("unreadable");
    const names = Object.keys(header).sort().join(",");
    if (
      names !== "alg,kid,typ" ||
      header.alg !== "ES256" ||
      header.typ !== typ ||
      typeof header.kid !== "string" ||
      !header.kid
    ) {
      throw new Rejected("bad-format");
    }
    return { compact: text, header, kid: header.kid, payload, signature };
  }

  function jwkMembers(jwk) {
    // PublicKey.from_jwk: a P-256 public key's members, as text
    if (!isObject(jwk) || jwk.kty !== "EC" || jwk.crv !== "P-256" || "d" in jwk) throw new Error("not a P-256 key");
    if (typeof jwk.x !== "string" || typeof jwk.y !== "string") throw new Error("members are text");
    return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
  }

  async function importKey(jwk) {
    return crypto.subtle.importKey("jwk", { ...jwkMembers(jwk), ext: true }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  }

  // RFC 7638: SHA-256 of {"crv","kty","x","y"} in that order, no spaces, base64url
  async function thumbprint(jwk) {
    const m = jwkMembers(jwk);
    const text = `{"crv":"P-256","kty":"EC","x":${JSON.stringify(m.x)},"y":${JSON.stringify(m.y)}}`;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return b64encode(new Uint8Array(digest));
  }

  // r || s as jwcrypto reads it: the first half is r, the rest s, each a big-endian number
  function rawSignature(signature) {
    const half = Math.floor(signature.length / 2);
    const parts = [signature.slice(0, half), signature.slice(half)];
    const out = new Uint8Array(64);
    for (let p = 0; p < 2; p++) {
      let bytes = parts[p];
      if (bytes.length === 0) return null;
      let start = 0;
      while (start < bytes.length - 1 && bytes[start] === 0) start++;
      bytes = bytes.slice(start);
      if (bytes.length > 32) return null;
      out.set(bytes, p * 32 + 32 - bytes.length);
    }
    return out;
  }

  async function signatureHolds(envelope, key) {
    const signature = rawSignature(envelope.signature);
    if (signature === null) return false;
    const signed = envelope.compact.slice(0, envelope.compact.lastIndexOf("."));
    try {
      return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, new TextEncoder().encode(signed));
    } catch (e) {
      return false;
    }
  }

  // -- the lists (lists.read_trust_list, read_revocation_list) ---------------------------------

  async function readTrustList(text, rootKid) {
    const where = { list: "trust_list", file: "lists.js" };
    let envelope, payload, root;
    try {
      envelope = openEnvelope(text.trim(), TRUST_LIST_TYPE);
      payload = parseJson(utf8(envelope.payload));
      root = { jwk: jwkMembers(payload.root.jwk), key: await importKey(payload.root.jwk) };
      root.kid = await thumbprint(root.jwk);
    } catch (e) {
      throw new ListRefused("credentials.list-unreadable", where);
    }
    if (root.kid !== rootKid) throw new ListRefused("credentials.list-other-root", { ...where, found: root.kid, pinned: rootKid });
    if (envelope.kid !== root.kid || payload.root.kid !== root.kid) throw new ListRefused("credentials.list-tampered", where);
    if (!(await signatureHolds(envelope, root.key))) throw new ListRefused("credentials.list-tampered", where);
    try {
      if (!isNumericDate(payload.iat) || !Array.isArray(payload.keys)) throw new Error("not a trust list");
      const keys = new Map();
      for (const item of payload.keys) {
        const jwk = jwkMembers(item.jwk);
        const key = await importKey(jwk);
        if (item.kid !== (await thumbprint(jwk))) throw new Error("a kid that is not its thumbprint");
        const { not_before: notBefore, not_after: notAfter, status } = item;
        if (!isNumericDate(notBefore) || !isNumericDate(notAfter)) throw new Error("not a NumericDate");
        if (!["active", "retired", "compromised"].includes(status)) throw new Error("a status");
        if (notAfter < notBefore) throw new Error("a span that ends before it starts");
        if (keys.has(item.kid)) throw new Error("a key listed twice");
        keys.set(item.kid, { kid: item.kid, key, notBefore, notAfter, status });
      }
      return { root, issuedAt: payload.iat, keys };
    } catch (e) {
      throw new ListRefused("credentials.list-unreadable", where);
    }
  }

  async function readRevocationList(text, trustList) {
    const where = { list: "revocation_list", file: "lists.js" };
    let envelope;
    try {
      envelope = openEnvelope(text.trim(), REVOCATION_LIST_TYPE);
    } catch (e) {
      throw new ListRefused("credentials.list-unreadable", where);
    }
    const pinned = trustList.root.kid;
    if (envelope.kid !== pinned) throw new ListRefused("credentials.list-other-root", { ...where, found: envelope.kid, pinned });
    if (!(await signatureHolds(envelope, trustList.root.key))) throw new ListRefused("credentials.list-tampered", where);
    try {
      const payload = parseJson(utf8(envelope.payload));
      if (payload.root !== pinned) throw new Error("another root");
      if (!Array.isArray(payload.entries)) throw new Error("entries");
      const entries = new Map();
      for (const item of payload.entries) {
        if (!isObject(item)) throw new Error("an entry");
        const { number, reason, status, at } = item;
        if (typeof number !== "string" || !number) throw new Error("a number is text");
        if (typeof reason !== "string" || !REASON_CODE.test(reason)) throw new Error("a reason is a code");
        if (status !== "revoked" && status !== "suspended") throw new Error("a status");
        if (!isNumericDate(at)) throw new Error("not a NumericDate");
        if (entries.has(number)) throw new Error("a number twice");
        entries.set(number, { number, status, reason, at });
      }
      if (!isNumericDate(payload.iat) || !isNumericDate(payload.next_update)) throw new Error("dates");
      return { root: pinned, issuedAt: payload.iat, nextUpdate: payload.next_update, entries };
    } catch (e) {
      throw new ListRefused("credentials.list-unreadable", where);
    }
  }

  // -- the token (tokens.token_from_text, verification.verify) ---------------------------------

  // Python's urllib.parse.unquote: %XX sequences as UTF-8, invalid bytes as U+FFFD
  function unquote(text) {
    if (!text.includes("%")) return text;
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      const bytes = Uint8Array.from(run.slice(1).split("%"), (h) => parseInt(h, 16));
      return new TextDecoder("utf-8").decode(bytes);
    });
  }

  function tokenFromText(text) {
    text = text.replace(NOISE, "");
    if (!text.includes("#")) return text;
    const fragment = text.slice(text.indexOf("#") + 1);
    for (const pair of fragment.split("&")) {
      const at = pair.indexOf("=");
      const name = at < 0 ? pair : pair.slice(0, at);
      const value = at < 0 ? "" : pair.slice(at + 1);
      if (name === "t" && value) return unquote(value);
    }
    throw new Error("a link without a token in its fragment");
  }

  function wellFormed(claims) {
    if (typeof claims.jti !== "string" || !claims.jti) return false;
    if (!isNumericDate(claims.iat)) return false;
    return ["nbf", "exp"].every((name) => !(name in claims) || isNumericDate(claims[name]));
  }

  // The verdict on `token` at `nowMs` (milliseconds since 1970): {valid, reason, claims, kid,
  // revocation}, the reasons and their order as taraz.credentials.verify gives them.
  async function verify(token, trustList, revocations, nowMs) {
    const no = (reason, known) => ({ valid: false, reason, ...known });
    let envelope;
    try {
      const text = tokenFromText(token);
      if (text.length > MAX_TOKEN_LENGTH) throw new Error("longer than any certificate");
      envelope = openEnvelope(text, TOKEN_TYPE);
    } catch (e) {
      return no(e instanceof Rejected ? e.reason : "unreadable");
    }
    const kid = envelope.kid;
    const key = trustList.keys.get(kid);
    if (key === undefined) return no("unknown-key", { kid });
    if (!(await signatureHolds(envelope, key.key))) return no("bad-signature", { kid });
    let claims;
    try {
      claims = parseJson(utf8(envelope.payload));
    } catch (e) {
      return no("bad-format", { kid });
    }
    if (!isObject(claims) || !wellFormed(claims)) return no("bad-format", { kid });
    const known = { kid, claims };
    const issued = claims.iat * 1000;
    if (key.status === "compromised" || issued < key.notBefore * 1000 || issued > key.notAfter * 1000) return no("key-not-valid", known);
    const starts = ("nbf" in claims ? claims.nbf : claims.iat) * 1000;
    const expires = "exp" in claims ? claims.exp * 1000 : null;
    if (issued > nowMs + LEEWAY_MS || starts > nowMs + LEEWAY_MS) return no("claims", known);
    if (expires !== null && expires <= Math.max(issued, starts)) return no("claims", known);
    const revocation = revocations.entries.get(claims.jti);
    if (revocation !== undefined) return no(revocation.status === "revoked" ? "revoked" : "suspended", { ...known, revocation });
    if (expires !== null && nowMs >= expires) return no("expired", known);
    if (nowMs > revocations.nextUpdate * 1000) return no("stale-list", known);
    return { valid: true, reason: null, ...known };
  }

  // -- the page --------------------------------------------------------------------------------

  const config = JSON.parse(document.getElementById("taraz-config").textContent);
  const UI = config.ui;
  const asked = new URLSearchParams(location.hash.slice(1)).get("lang");
  // the fragment's choice, else the reader's browser (a buyer abroad reads English; a browser
  // set to Persian reads Persian), else the language the page was written with (--lang)
  const browser = (navigator.languages || [navigator.language || ""]).filter(Boolean);
  const fromBrowser = browser.length ? (browser[0].toLowerCase().startsWith("fa") ? "fa" : "en") : null;
  let lang = asked === "fa" || asked === "en" ? asked : fromBrowser || config.lang;
  let lists = null; // {trustList, revocations} or {refused: ListRefused}
  let shown = null; // the last verdict, to show again in the other language
  const $ = (id) => document.getElementById(id);

  const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  const digits = (text) => (lang === "fa" ? String(text).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d]) : String(text));
  const say = (key) => UI[key][lang];
  // a revocation's reason in words (taraz.credentials.summary.REASONS), else its code
  const reasonName = (code) => {
    const names = config.summary.reasons[code];
    return names ? names[lang] : code;
  };

  function when(seconds) {
    const moment = new Date(seconds * 1000);
    const locale = lang === "fa" ? "fa-IR-u-ca-persian-nu-arabext" : "en-GB-u-ca-persian";
    const options = { timeZone: "Asia/Tehran", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    const jalali = new Intl.DateTimeFormat(locale, options).format(moment);
    if (lang === "fa") return jalali;
    const gregorian = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tehran", day: "numeric", month: "long", year: "numeric" }).format(moment);
    return `${jalali} (${gregorian})`;
  }

  const isolated = (text) => {
    const b = document.createElement("bdi");
    b.textContent = text;
    return b;
  };

  // a catalogue message: each {field} filled in and isolated, `code` shown as code, left to right
  function message(code, fields) {
    const template = config.messages[code][lang];
    const out = document.createDocumentFragment();
    template.split("`").forEach((piece, n) => {
      if (n % 2) {
        const c = document.createElement("code");
        c.dir = "ltr";
        c.textContent = piece;
        out.append(c);
        return;
      }
      piece.split(/(\{\w+(?::[^}]*)?\})/).forEach((part, k) => {
        if (k % 2 === 0) return out.append(part);
        const name = part.slice(1, -1).split(":")[0];
        const v = fields[name];
        out.append(isolated(v === undefined || v === null ? "?" : name === "list" ? say(v) : String(v)));
      });
    });
    return out;
  }

  function cell(name, value) {
    if (["iat", "nbf", "exp"].includes(name) && isNumericDate(value)) return when(value) + (lang === "en" ? ` (${value})` : "");
    if (typeof value === "number" || typeof value === "bigint" || value instanceof JsonFloat) return digits(String(value));
    if (typeof value === "string") return value;
    if (isObject(value) || Array.isArray(value)) return JSON.stringify(value, (k, v) => (typeof v === "bigint" || v instanceof JsonFloat ? String(v) : v));
    return digits(String(value)); // true, false, null
  }

  // A certificate of attendance's facts for people, [label, text] pairs in the page's
  // language (taraz.credentials.summary.facts: keep the two alike); [] for any other kind.
  function facts(c) {
    if (!isObject(c) || c.knd !== "attendance") return [];
    const words = config.summary;
    const fa = lang === "fa";
    const name = (names) => String(names[lang] || names.fa || "");
    const day = (dt, key) => {
      const jalali = String(dt[key + "_j"]).replace(/-/g, "/");
      return fa ? digits(jalali) : `${dt[key]} (${jalali})`;
    };
    try {
      const dt = c.dt, att = c.att;
      const span = dt.from === dt.to ? day(dt, "from") : `${day(dt, "from")} ${fa ? "تا" : "to"} ${day(dt, "to")}`;
      const out = [
        ["kind", words.kinds.attendance[lang]],
        ["number", digits(c.jti)],
        ["issuer", name(c.iss)],
        ["event", name(c.ev)],
        ["dates", span],
        ["attended", words.sessions[lang].replace("{n}", digits(att.n)).replace("{of}", digits(att.of))],
        ["person", String(c.who)],
      ];
      if (isObject(c.ex)) out.push(["firm", name(c.ex)]);
      if (c.sub) out.push(["card", digits(c.sub)]);
      out.push(["issued", day(dt, "iss")]);
      if (c.sig) out.push(["signatory", String(c.sig)]);
      if (out.some(([, text]) => text.includes("undefined"))) return [];
      return out.map(([key, text]) => [words.labels[key][lang], text]);
    } catch (e) {
      return [];
    }
  }

  function render() {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "fa" ? "rtl" : "ltr";
    document.title = say("title");
    for (const el of document.querySelectorAll("[data-ui]")) el.textContent = say(el.dataset.ui);
    $("token").placeholder = say("placeholder");
    $("switch").textContent = lang === "fa" ? "English" : "فارسی";
    $("switch").lang = lang === "fa" ? "en" : "fa";
    $("root-kid").textContent = config.root.kid;
    const facts = $("lists");
    facts.replaceChildren();
    if (lists && lists.trustList) {
      const t = lists.trustList, r = lists.revocations;
      for (const [key, value] of [
        ["trust_list_signed", when(t.issuedAt)],
        ["revocations_signed", when(r.issuedAt)],
        ["revocations_next", when(r.nextUpdate)],
        ["revocations_entries", digits(r.entries.size)],
      ]) {
        const dt = document.createElement("dt");
        dt.textContent = say(key);
        const dd = document.createElement("dd");
        dd.textContent = value;
        facts.append(dt, dd);
      }
    }
    show();
  }

  function show() {
    const box = $("verdict");
    const table = $("claims");
    box.replaceChildren();
    table.hidden = true;
    $("claims-body").replaceChildren();
    $("facts").hidden = true;
    $("facts").replaceChildren();
    if (lists && lists.refused) {
      box.dataset.state = "refused";
      box.dataset.reason = lists.refused.code;
      const h = document.createElement("h2");
      h.textContent = say("refused");
      const p = document.createElement("p");
      p.append(message(lists.refused.code, lists.refused.fields));
      box.append(h, p);
      return;
    }
    if (!shown) {
      box.dataset.state = "empty";
      box.dataset.reason = "";
      return;
    }
    const v = shown;
    box.dataset.state = v.valid ? "valid" : "invalid";
    box.dataset.reason = v.reason || "";
    const h = document.createElement("h2");
    h.textContent = v.valid ? say("valid") : v.reason === "stale-list" ? say("stale") : say("not_valid");
    box.append(h);
    if (!v.valid) {
      const p = document.createElement("p");
      const code = document.createElement("code");
      code.id = "reason";
      code.dir = "ltr";
      code.textContent = v.reason;
      p.append(code, " ", message(CODES[v.reason], { kid: v.kid, number: v.claims && v.claims.jti, reason: v.revocation && reasonName(v.revocation.reason) }));
      box.append(p);
    }
    if (v.revocation) {
      const p = document.createElement("p");
      p.textContent = `${say("revocation_at")} ${when(v.revocation.at)}`;
      box.append(p);
    }
    const p = document.createElement("p");
    p.className = "small";
    p.textContent = `${say("checked_at")} ${when(Math.floor(v.checkedAt / 1000))}`;
    box.append(p);
    if (v.kid) {
      const k = document.createElement("p");
      k.className = "small";
      k.append(`${say("signing_key")} `);
      const c = document.createElement("code");
      c.dir = "ltr";
      c.textContent = v.kid;
      k.append(c);
      box.append(k);
    }
    const known = v.claims ? facts(v.claims) : [];
    for (const [label, text] of known) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.append(isolated(text));
      $("facts").append(dt, dd);
    }
    $("facts").hidden = known.length === 0;
    if (v.claims) {
      table.hidden = false;
      for (const name of Object.keys(v.claims)) {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name in UI ? `${say(name)} (${name})` : name;
        const td = document.createElement("td");
        const value = v.claims[name];
        if (isObject(value)) {
          // {"fa": …, "en": …}: one line a member, the name and the value each isolated
          for (const key of Object.keys(value)) {
            const line = document.createElement("div");
            line.append(isolated(key), ": ", isolated(cell(key, value[key])));
            td.append(line);
          }
        } else td.append(isolated(cell(name, value)));
        tr.append(th, td);
        $("claims-body").append(tr);
      }
    }
  }

  let lastText = null;

  async function check(text) {
    lastText = text;
    if (!lists || lists.refused) return show();
    const verdict = await verify(text, lists.trustList, lists.revocations, Date.now());
    shown = { ...verdict, checkedAt: Date.now() };
    show();
    const box = $("verdict");
    box.dataset.checks = String(Number(box.dataset.checks || 0) + 1); // for a reader that waits
  }

  async function loadLists() {
    const given = window.tarazLists;
    try {
      if (!given || typeof given.trustList !== "string" || typeof given.revocations !== "string") {
        throw new ListRefused("credentials.list-missing", { list: "trust_list", file: "lists.js" });
      }
      const trustList = await readTrustList(given.trustList, config.root.kid);
      const revocations = await readRevocationList(given.revocations, trustList);
      lists = { trustList, revocations };
    } catch (e) {
      lists = { refused: e instanceof ListRefused ? e : new ListRefused("credentials.list-unreadable", { list: "trust_list", file: "lists.js" }) };
    }
  }

  // a newer revocation list the reader chose (revocations.jws): read on this machine, checked
  // against the same root, refused when older than the one in hand; the verdict is given again
  async function chooseRevocations(file) {
    const note = $("newer-note");
    note.replaceChildren();
    if (!file || !lists || lists.refused) return;
    try {
      const newer = await readRevocationList(await file.text(), lists.trustList);
      if (newer.issuedAt < lists.revocations.issuedAt) {
        note.textContent = say("older_list");
        note.dataset.state = "refused";
        return;
      }
      lists.revocations = newer;
      note.textContent = say("newer_list");
      note.dataset.state = "taken";
    } catch (e) {
      note.dataset.state = "refused";
      if (e instanceof ListRefused) note.append(message(e.code, { ...e.fields, file: file.name }));
      else note.textContent = say("older_list");
      return;
    }
    render();
    if (lastText !== null) await check(lastText);
  }

  function fromFragment() {
    if (/(^#|&)t=/.test(location.hash)) {
      let token = location.href;
      try {
        token = tokenFromText(location.href);
      } catch (e) {
        // shown as it came; the verdict says it is unreadable
      }
      $("token").value = token;
      return check(location.href);
    }
    return Promise.resolve();
  }

  async function start() {
    if (!window.crypto || !crypto.subtle) {
      $("verdict").dataset.state = "refused";
      $("verdict").textContent = say("no_webcrypto");
      return;
    }
    if ((await thumbprint(config.root.jwk)) !== config.root.kid) throw new Error("the pinned root");
    await loadLists();
    render();
    $("switch").addEventListener("click", () => {
      lang = lang === "fa" ? "en" : "fa";
      render();
    });
    $("form").addEventListener("submit", (event) => {
      event.preventDefault();
      check($("token").value);
    });
    window.addEventListener("hashchange", fromFragment);
    $("newer").addEventListener("change", (event) => chooseRevocations(event.target.files[0]));
    await fromFragment();
    document.body.dataset.ready = "true";
  }

  // for a test or a curious reader: the reason code the page's lists give `text` now
  async function reason(text) {
    if (!lists || lists.refused) return null;
    return (await verify(text, lists.trustList, lists.revocations, Date.now())).reason;
  }

  window.tarazVerifier = { verify, reason, readTrustList, readRevocationList, tokenFromText };
  start();
})();
