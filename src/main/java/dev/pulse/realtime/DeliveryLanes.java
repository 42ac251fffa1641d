package dev.pulse.realtime;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fan-out spread over the cores: this instance's sockets are split into a few lanes (one managed
 * thread each, created once from the container's {@link ManagedThreadFactory}, so no context is
 * captured per broadcast), and a broadcast is queued on every lane that has members of the group.
 * A socket belongs to exactly one lane and each lane delivers in queue order, so the frames of
 * broadcasts never reorder on one socket. The per-frame work on a lane is {@link Connection#send}.
 */
final class DeliveryLanes {

    private static final Logger LOG = Logger.getLogger(DeliveryLanes.class.getName());

    /** One broadcast for the members one lane holds of a group; {@code offset} as {@link Connection}'s. */
    private record Delivery(Set<Connection> members, String text, String conflationKey, long offset) {
    }

    private static final Delivery STOP = new Delivery(Set.of(), "", null, Connection.NO_OFFSET);

    private final Lane[] lanes;

    DeliveryLanes(int count, ManagedThreadFactory threads) {
        lanes = new Lane[Math.max(1, count)];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
            Thread thread = threads.newThread(lanes[i]);
            thread.setName("pulse-delivery-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    int size() {
        return lanes.length;
    }

    /** Queues a broadcast at {@code offset} ({@link Connection#NO_OFFSET}: none) for the members of lane {@code lane}. */
    void deliver(int lane, Set<Connection> members, String text, String conflationKey, long offset) {
        lanes[lane].queue.add(new Delivery(members, text, conflationKey, offset));
    }

    void stop() {
        for (Lane lane : lanes) {
            lane.queue.add(STOP);
        }
    }

    private static final class Lane implements Runnable {
        final LinkedBlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();

        @Override
        public void run() {
            while (true) {
                Delivery delivery;
                try {
                    delivery = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (delivery == STOP) {
                    return;
                }
                for (Connection member : delivery.members()) {
                    try {
                        member.send(delivery.text(), delivery.conflationKey(), delivery.offset());
                    } catch (RuntimeException e) {
                        // One socket's failure must not stop the lane for the others.
                        LOG.log(Level.WARNING, "delivery to " + member + " failed", e);
                    }
                }
            }
        }
    }
}
