// The playground page: a key, documents and options in; one card per job out.

import { ApiProblem, DocGridApi } from "./api.js";
import { curlCommand } from "./curl.js";
import { JobCard } from "./job-card.js";

const KEY_ITEM = "docgrid.apiKey";
const $ = (id) => document.getElementById(id);

const api = new DocGridApi(() => sessionStorage.getItem(KEY_ITEM) || $("api-key").value.trim());

function say(id, text, isError = false) {
  const status = $(id);
  status.textContent = text;
  status.classList.toggle("error", isError);
}

/** The options the form describes, as the API takes them. */
function chosenOptions() {
  const options = { ocr: $("opt-ocr").value };
  const languages = $("opt-languages").value.trim();
  if (languages) options.languages = languages.split(/[+,\s]+/).filter(Boolean);
  const pages = $("opt-pages").value.trim();
  if (pages) options.pages = pages;
  const dpi = Number($("opt-dpi").value);
  if (dpi) options.dpi = dpi;
  return options;
}

async function useKey(event) {
  event.preventDefault();
  const key = $("api-key").value.trim();
  sessionStorage.setItem(KEY_ITEM, key);
  try {
    const me = await api.me();
    const who = me.key && me.key.name ? `${me.key.name}, ` : "";
    say("key-status", `Key accepted: ${who}tier ${me.tier}, scopes ${(me.scopes || []).join(", ")}.`);
  } catch (e) {
    sessionStorage.removeItem(KEY_ITEM);
    say("key-status", `Key refused: ${e instanceof ApiProblem ? e.describe() : e}`, true);
  }
}

function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
  $("api-key").value = "";
  say("key-status", "Key forgotten.");
}

function addCard(name) {
  const card = new JobCard($("job-template"), api, name);
  $("jobs-empty").hidden = true;
  $("jobs").prepend(card.element);
  return card;
}

async function submit(event) {
  event.preventDefault();
  const files = [...$("files").files];
  const url = $("url").value.trim();
  if (files.length === 0 && !url) {
    say("submit-status", "Choose a document or give a URL first.", true);
    $("files").focus();
    return;
  }
  const options = chosenOptions();
  const submissions = files.map((file) => ({ name: file.name, send: () => api.submitFile(file, options) }));
  if (url) {
    submissions.push({ name: url, send: () => api.submitUrl(url, options) });
  }
  say("submit-status", `Submitting ${submissions.length} document(s)…`);
  const tracked = submissions.map(async ({ name, send }) => {
    const card = addCard(name);
    try {
      await card.track(await send());
    } catch (e) {
      card.fail(e);
    }
  });
  $("files").value = "";
  await Promise.all(tracked);
  say("submit-status", `Done: ${submissions.length} document(s).`);
}

async function copyCurl() {
  const files = [...$("files").files];
  const url = $("url").value.trim();
  const document = url && files.length === 0 ? { url } : { fileName: files[0] && files[0].name };
  const command = curlCommand(window.location.origin, document, chosenOptions());
  const shown = $("curl");
  shown.textContent = command;
  shown.hidden = false;
  try {
    await navigator.clipboard.writeText(command);
    say("submit-status", "The curl command is on the clipboard.");
  } catch {
    say("submit-status", "Copy the curl command shown below.");
  }
}

function acceptDrops() {
  const zone = $("drop-zone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    $("files").files = event.dataTransfer.files;
    say("submit-status", `${event.dataTransfer.files.length} document(s) chosen.`);
  });
}

$("key-form").addEventListener("submit", useKey);
$("forget-key").addEventListener("click", forgetKey);
$("submit-form").addEventListener("submit", submit);
$("copy-curl").addEventListener("click", copyCurl);
acceptDrops();
if (sessionStorage.getItem(KEY_ITEM)) {
  $("api-key").value = sessionStorage.getItem(KEY_ITEM);
  say("key-status", "Using the key kept in this tab.");
}
