// Where a photo was taken, read from its EXIF in the browser (JPEG, HEIC/HEIF, PNG, WebP).
// Read here rather than on the server so that it works offline and nothing leaves the phone
// before the volunteer decides to send it. Mirrors cameramap/lib/exif.py: any oddity -> null.

const GPS_IFD = 0x8825;

export async function photoGps(file) {
  try {
    const head = new DataView(await file.slice(0, 16).arrayBuffer());
    if (head.byteLength < 12) return null;
    if (head.getUint16(0) === 0xffd8) return fromTiff(await jpegExif(file));
    if (fourCC(head, 4) === "ftyp") return fromTiff(await heifExif(file));
    if (head.getUint32(0) === 0x89504e47) return fromTiff(await pngExif(file));
    if (fourCC(head, 0) === "RIFF" && fourCC(head, 8) === "WEBP") return fromTiff(await webpExif(file));
  } catch (error) {
    console.warn("could not read the photo's location", error);
  }
  return null;
}

function fourCC(view, offset) {
  return String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + offset, 4));
}

async function bytes(file, start, length) {
  return new DataView(await file.slice(start, start + length).arrayBuffer());
}

// JPEG: the APP1 segment that starts with "Exif\0\0", before the image data.
async function jpegExif(file) {
  const view = await bytes(file, 0, 256 * 1024);
  let offset = 2;
  while (offset + 4 <= view.byteLength && view.getUint8(offset) === 0xff) {
    const marker = view.getUint8(offset + 1);
    const length = view.getUint16(offset + 2);
    if (marker === 0xda || marker === 0xd9) break;
    if (marker === 0xe1 && fourCC(view, offset + 4) === "Exif") {
      return new DataView(view.buffer, offset + 10, Math.min(length - 8, view.byteLength - offset - 10));
    }
    offset += 2 + length;
  }
  return null;
}

// HEIF: the item of type "Exif" listed in meta/iinf, located by meta/iloc.
async function heifExif(file) {
  const view = new DataView(await file.arrayBuffer());
  const meta = childBoxes(view, 0, view.byteLength).find((box) => box.type === "meta");
  if (!meta) return null;
  const boxes = childBoxes(view, meta.start + 4, meta.end); // meta is a full box
  const iinf = boxes.find((box) => box.type === "iinf");
  const iloc = boxes.find((box) => box.type === "iloc");
  if (!iinf || !iloc) return null;
  const id = exifItemId(view, iinf);
  if (id === null) return null;
  const extent = itemExtent(view, iloc, id);
  if (!extent || extent.offset + extent.length > view.byteLength) return null;
  // The item starts with the offset of the TIFF header past these four bytes.
  const skip = view.getUint32(extent.offset);
  const start = extent.offset + 4 + skip;
  return new DataView(view.buffer, start, extent.offset + extent.length - start);
}

function childBoxes(view, start, end) {
  const boxes = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) break;
    boxes.push({ type: fourCC(view, offset + 4), start: offset + header, end: offset + size });
    offset += size;
  }
  return boxes;
}

function exifItemId(view, iinf) {
  const version = view.getUint8(iinf.start);
  const first = iinf.start + 4 + (version === 0 ? 2 : 4);
  for (const entry of childBoxes(view, first, iinf.end)) {
    if (entry.type !== "infe") continue;
    const entryVersion = view.getUint8(entry.start);
    if (entryVersion < 2) continue;
    const idSize = entryVersion === 2 ? 2 : 4;
    const id = idSize === 2 ? view.getUint16(entry.start + 4) : view.getUint32(entry.start + 4);
    if (fourCC(view, entry.start + 4 + idSize + 2) === "Exif") return id;
  }
  return null;
}

function readSized(view, offset, size) {
  if (size === 0) return 0;
  if (size === 4) return view.getUint32(offset);
  if (size === 8) return Number(view.getBigUint64(offset));
  if (size === 2) return view.getUint16(offset);
  throw new Error(`unexpected field size ${size}`);
}

function itemExtent(view, iloc, wanted) {
  const version = view.getUint8(iloc.start);
  let offset = iloc.start + 4;
  const sizes = view.getUint16(offset);
  offset += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 15;
  const baseOffsetSize = (sizes >> 4) & 15;
  const indexSize = version === 1 || version === 2 ? sizes & 15 : 0;
  const count = version < 2 ? view.getUint16(offset) : view.getUint32(offset);
  offset += version < 2 ? 2 : 4;
  for (let item = 0; item < count; item += 1) {
    const id = version < 2 ? view.getUint16(offset) : view.getUint32(offset);
    offset += version < 2 ? 2 : 4;
    let method = 0;
    if (version === 1 || version === 2) {
      method = view.getUint16(offset) & 15;
      offset += 2;
    }
    offset += 2; // data_reference_index
    const base = readSized(view, offset, baseOffsetSize);
    offset += baseOffsetSize;
    const extents = view.getUint16(offset);
    offset += 2;
    let first = null;
    for (let e = 0; e < extents; e += 1) {
      offset += indexSize;
      const extentOffset = readSized(view, offset, offsetSize);
      offset += offsetSize;
      const extentLength = readSized(view, offset, lengthSize);
      offset += lengthSize;
      if (first === null) first = { offset: base + extentOffset, length: extentLength };
    }
    // Only items stored at file offsets (method 0) in one extent are read.
    if (id === wanted) return method === 0 && extents === 1 ? first : null;
  }
  return null;
}

// PNG: the eXIf chunk holds a bare TIFF block.
async function pngExif(file) {
  const view = new DataView(await file.arrayBuffer());
  let offset = 8;
  while (offset + 12 <= view.byteLength) {
    const length = view.getUint32(offset);
    const type = fourCC(view, offset + 4);
    if (type === "eXIf") return new DataView(view.buffer, offset + 8, length);
    if (type === "IDAT" || type === "IEND") break;
    offset += 12 + length;
  }
  return null;
}

// WebP: the RIFF chunk "EXIF", sometimes with the JPEG-style "Exif\0\0" prefix.
async function webpExif(file) {
  const view = new DataView(await file.arrayBuffer());
  let offset = 12;
  while (offset + 8 <= view.byteLength) {
    const type = fourCC(view, offset);
    const length = view.getUint32(offset + 4, true);
    if (type === "EXIF") {
      const skip = fourCC(view, offset + 8) === "Exif" ? 6 : 0;
      return new DataView(view.buffer, offset + 8 + skip, length - skip);
    }
    offset += 8 + length + (length % 2);
  }
  return null;
}

// TIFF: IFD0 -> the GPS IFD -> latitude/longitude and their hemispheres.
function fromTiff(tiff) {
  if (!tiff || tiff.byteLength < 8) return null;
  const order = fourCC(tiff, 0).slice(0, 2);
  if (order !== "II" && order !== "MM") return null;
  const little = order === "II";
  const u16 = (at) => tiff.getUint16(at, little);
  const u32 = (at) => tiff.getUint32(at, little);
  const entries = (ifd) => {
    const found = new Map();
    const count = u16(ifd);
    for (let i = 0; i < count; i += 1) {
      const at = ifd + 2 + i * 12;
      found.set(u16(at), { type: u16(at + 2), count: u32(at + 4), at: at + 8 });
    }
    return found;
  };
  const gpsPointer = entries(u32(4)).get(GPS_IFD);
  if (!gpsPointer) return null;
  const gps = entries(u32(gpsPointer.at));
  const text = (tag) => {
    const entry = gps.get(tag);
    if (!entry || entry.type !== 2) return "";
    const at = entry.count <= 4 ? entry.at : u32(entry.at);
    let value = "";
    for (let i = 0; i < entry.count; i += 1) value += String.fromCharCode(tiff.getUint8(at + i));
    return value.replace(/[\0 ]+$/, "").toUpperCase();
  };
  const angle = (tag, refTag, hemispheres, limit) => {
    const entry = gps.get(tag);
    // RATIONAL (5), or SRATIONAL (10) as some phones write it.
    if (!entry || (entry.type !== 5 && entry.type !== 10) || entry.count < 1 || entry.count > 3) {
      return null;
    }
    const read = entry.type === 5 ? u32 : (at) => tiff.getInt32(at, little);
    const at = u32(entry.at);
    const parts = [];
    for (let i = 0; i < entry.count; i += 1) {
      const denominator = read(at + i * 8 + 4);
      if (denominator === 0) return null;
      parts.push(read(at + i * 8) / denominator);
    }
    const [degrees, minutes = 0, seconds = 0] = parts;
    if (degrees < 0 || minutes < 0 || seconds < 0 || minutes >= 60 || seconds >= 60) return null;
    const value = degrees + minutes / 60 + seconds / 3600;
    const ref = text(refTag);
    if (value > limit || (ref && !hemispheres.includes(ref[0]))) return null;
    return ref[0] === hemispheres[1] ? -value : value;
  };
  if (text(9) === "V") return null;
  const latitude = angle(2, 1, "NS", 90);
  const longitude = angle(4, 3, "EW", 180);
  if (latitude === null || longitude === null || (latitude === 0 && longitude === 0)) return null;
  return { latitude, longitude };
}
