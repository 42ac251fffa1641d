package dev.pulse.chat;

/** Whether a user may use a room, and which room it is when they may. */
public record RoomAccess(Verdict verdict, long roomId, String room, boolean isPrivate) {

    public enum Verdict { GRANTED, UNKNOWN_ROOM, NOT_A_MEMBER }

    static RoomAccess granted(ChatRoom room) {
        return new RoomAccess(Verdict.GRANTED, room.id(), room.name(), room.isPrivate());
    }

    static RoomAccess refused(Verdict verdict, String room) {
        return new RoomAccess(verdict, -1, room, false);
    }

    public boolean granted() {
        return verdict == Verdict.GRANTED;
    }
}
