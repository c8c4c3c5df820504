// Requests to the workbench's API. The token travels in the HttpOnly cookie set by /?token=…,
// so nothing here handles it. Every failure becomes an ApiError with a message for people.

export class ApiError extends Error {
  constructor(status, message, entries = null) {
    super(message);
    this.status = status;
    // 422 input errors: [{location, message}]
    this.entries = entries;
  }
}

async function readBody(response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('application/json')) {
    try { return await response.json(); } catch { return null; }
  }
  return await response.text();
}

/** One API call: JSON in (or raw bytes), JSON out; throws ApiError for any status >= 400. */
export async function api(method, path, body, { raw = false } = {}) {
  const init = { method, headers: {}, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    if (raw) {
      init.body = body;
      init.headers['Content-Type'] = 'application/octet-stream';
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, `无法连接工作台服务（${error.message}）。请确认 alliance serve 仍在运行。`);
  }
  const data = await readBody(response);
  if (response.ok) return data;
  if (Array.isArray(data)) {
    throw new ApiError(response.status, `名单有 ${data.length.toLocaleString('zh-CN')} 处问题`, data);
  }
  let message = data && typeof data === 'object' && data.error ? data.error : `HTTP ${response.status}`;
  if (response.status === 401) {
    message = '没有访问权限：请用 alliance serve 启动时打印的地址（带 ?token=…）打开本页。';
  }
  throw new ApiError(response.status, message);
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
