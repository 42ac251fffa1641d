package dev.pulse.realtime;

import java.util.function.Consumer;

/**
 * The sink of a connection made at handshake time, before its socket exists: the connection is
 * held until {@link #bind} (so nothing is sent before), and a close asked for meanwhile is applied
 * once the socket is there.
 */
final class LateSink implements TextSink {

    private TextSink target;
    private int closeCode;
    private String closeReason;

    synchronized void bind(TextSink socket) {
        target = socket;
        if (closeCode != 0) {
            socket.close(closeCode, closeReason);
        }
    }

    @Override
    public void sendAsync(String text, Consumer<Throwable> done) {
        TextSink socket;
        synchronized (this) {
            socket = target;
        }
        if (socket == null) {
            done.accept(new IllegalStateException("socket not open yet"));
        } else {
            socket.sendAsync(text, done);
        }
    }

    @Override
    public void close(int code, String reason) {
        TextSink socket;
        synchronized (this) {
            socket = target;
            if (socket == null) {
                closeCode = code;
                closeReason = reason;
                return;
            }
        }
        socket.close(code, reason);
    }

    @Override
    public synchronized boolean isOpen() {
        return target == null || target.isOpen();
    }
}
