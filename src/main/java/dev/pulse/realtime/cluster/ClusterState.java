package dev.pulse.realtime.cluster;

import java.util.Set;

/**
 * The one seam through which features share state with the other instances: named maps with
 * String keys, named topics, and who the members are. {@link ClusterStates} picks the
 * implementation once at start-up: {@link HazelcastClusterState} when the runtime has a Hazelcast
 * member, else {@link LocalClusterState}, whose maps and topics are this instance's alone (a
 * single instance then behaves as a cluster of one).
 *
 * <p>Values keep the plain types the callers store (String JSON, {@code long[]}, Integer,
 * Boolean, String arrays on topics): on Hazelcast they cross to other members, whose class loaders
 * cannot load application classes. Once the Hazelcast member has shut down (the server is
 * stopping), every operation may throw {@link ClusterStoppedException}.
 */
public interface ClusterState {

    /** The shared map called {@code name}; the same name gives the same entries on every member. */
    <V> SharedMap<V> map(String name);

    /** The topic called {@code name}: a message published on any member reaches every member's listeners. */
    <M> SharedTopic<M> topic(String name);

    /** This member's id (Hazelcast: its member UUID), stable while the member lives. */
    String memberId();

    /** The ids of the members in the cluster now, this one included ({@code {memberId()}} when alone). */
    Set<String> memberIds();

    /** Whether other instances can see this state (false: local to this instance). */
    boolean clustered();
}
