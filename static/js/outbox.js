// Reports waiting to be sent, photo included, kept in IndexedDB until the server has them.
// Every report goes in here before the first attempt, so closing the tab loses nothing.

const DATABASE = "cameramap";
const STORE = "outbox";
let opening = null;

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "clientId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run(mode, action) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = action(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request?.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const put = (report) => run("readwrite", (store) => store.put(report));
export const remove = (clientId) => run("readwrite", (store) => store.delete(clientId));
export const count = () => run("readonly", (store) => store.count());

export async function all() {
  const reports = (await run("readonly", (store) => store.getAll())) ?? [];
  return reports.sort((a, b) => a.createdAt - b.createdAt);
}
