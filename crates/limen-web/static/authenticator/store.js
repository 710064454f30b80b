// The app's storage: IndexedDB (W3C Indexed Database API 3.0), database "limen-authenticator".
//   accounts  — one record per enrolled device, key "device" (the device id): its CryptoKeyPair
//               (the private key generated non-extractable: the browser keeps it and signs with
//               it, script can never read it), the pinned server key, the salt, and the PIN-masked
//               offline key M = K ⊕ P(PIN) (docs/MOBILE-PROTOCOL.md §2.1). No PIN, no K, no PIN
//               verifier is ever stored.
//   settings  — small values ("lang").

const DB = "limen-authenticator";
const VERSION = 1;

let opening = null;

function db() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, VERSION);
      req.onupgradeneeded = () => {
        const d = req.result;
        if (!d.objectStoreNames.contains("accounts")) d.createObjectStore("accounts", { keyPath: "device" });
        if (!d.objectStoreNames.contains("settings")) d.createObjectStore("settings");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return opening;
}

async function run(storeName, mode, fn) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(storeName, mode);
    const result = fn(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export async function accounts() {
  const list = (await run("accounts", "readonly", (s) => s.getAll())) || [];
  return list.sort((a, b) => (a.created || 0) - (b.created || 0));
}

export async function account(device) {
  return run("accounts", "readonly", (s) => s.get(device));
}

export async function saveAccount(record) {
  await run("accounts", "readwrite", (s) => s.put(record));
}

/** Erases a device's record: its keys, its masked offline key, everything. */
export async function deleteAccount(device) {
  await run("accounts", "readwrite", (s) => s.delete(device));
}

export async function setting(key) {
  return run("settings", "readonly", (s) => s.get(key));
}

export async function saveSetting(key, value) {
  await run("settings", "readwrite", (s) => s.put(value, key));
}
