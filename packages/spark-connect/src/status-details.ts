/**
 * Decodes the `grpc-status-details-bin` trailer (a `google.rpc.Status`) into its `ErrorInfo`
 * details. Only the few fields Spark sets are read, straight from the protobuf wire format, so the
 * `google/rpc` protos are not needed.
 */

export interface ErrorInfo {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
}

export interface RpcStatus {
  code: number;
  message: string;
  errorInfos: ErrorInfo[];
}

const errorInfoType = "type.googleapis.com/google.rpc.ErrorInfo";

export function decodeRpcStatus(bytes: Uint8Array): RpcStatus {
  const status: RpcStatus = { code: 0, message: "", errorInfos: [] };
  for (const field of fields(bytes)) {
    if (field.no === 1 && typeof field.value === "number") status.code = field.value;
    else if (field.no === 2 && field.value instanceof Uint8Array) status.message = utf8(field.value);
    else if (field.no === 3 && field.value instanceof Uint8Array) {
      let typeUrl = "";
      let value: Uint8Array | undefined;
      for (const anyField of fields(field.value)) {
        if (anyField.no === 1 && anyField.value instanceof Uint8Array) typeUrl = utf8(anyField.value);
        if (anyField.no === 2 && anyField.value instanceof Uint8Array) value = anyField.value;
      }
      if (typeUrl === errorInfoType && value) status.errorInfos.push(decodeErrorInfo(value));
    }
  }
  return status;
}

function decodeErrorInfo(bytes: Uint8Array): ErrorInfo {
  const info: ErrorInfo = { reason: "", domain: "", metadata: {} };
  for (const field of fields(bytes)) {
    if (!(field.value instanceof Uint8Array)) continue;
    if (field.no === 1) info.reason = utf8(field.value);
    else if (field.no === 2) info.domain = utf8(field.value);
    else if (field.no === 3) {
      let key = "";
      let value = "";
      for (const entry of fields(field.value)) {
        if (entry.no === 1 && entry.value instanceof Uint8Array) key = utf8(entry.value);
        if (entry.no === 2 && entry.value instanceof Uint8Array) value = utf8(entry.value);
      }
      info.metadata[key] = value;
    }
  }
  return info;
}

interface WireField {
  no: number;
  value: number | Uint8Array;
}

function* fields(bytes: Uint8Array): Generator<WireField> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= bytes.length) throw new RangeError("truncated varint in status details");
      const byte = bytes[pos++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (pos < bytes.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) yield { no, value: varint() };
    else if (wireType === 2) {
      const length = varint();
      if (pos + length > bytes.length) throw new RangeError("truncated field in status details");
      yield { no, value: bytes.subarray(pos, pos + length) };
      pos += length;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else throw new RangeError(`unsupported wire type ${wireType} in status details`);
  }
}

function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
