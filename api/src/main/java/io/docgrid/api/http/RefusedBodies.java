package io.docgrid.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and throws away what is left of a refused request's body before the answer goes out.
 *
 * <p>A server that answers early and closes a connection with bytes still unread makes the kernel
 * reset it, and a client or proxy still sending loses the answer with it: nginx turns DocGrid's 413
 * into a 502 of its own. A body of up to {@code readLimit} bytes is therefore read to its end,
 * which also keeps the connection open for the next request; a larger one is not read at all, and
 * the connection is closed after the answer.
 */
public final class RefusedBodies {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final long readLimit;

  public RefusedBodies(long readLimit) {
    if (readLimit < 0) {
      throw new IllegalArgumentException("readLimit must not be negative");
    }
    this.readLimit = readLimit;
  }

  public void discardRest(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared == 0) {
      return;
    }
    if (declared > readLimit) {
      ctx.header("Connection", "close");
      return;
    }
    try {
      InputStream body = ctx.req().getInputStream();
      byte[] buffer = new byte[BUFFER_BYTES];
      long read = 0;
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        read += n;
        if (read > readLimit) {
          ctx.header("Connection", "close");
          return;
        }
      }
    } catch (IOException | IllegalStateException unreadable) {
      // The body was read as text already, or the client went away: nothing left to protect.
    }
  }
}
