/**
 * Chat rooms (seed 003): public rooms (seeded, or created by users: {@code RoomNames}) and
 * private one-to-one conversations, messages persisted before they are broadcast, history and
 * resume by message id, presence counted by users ({@code PresenceTracker} per room,
 * {@code OnlineUsers} for the whole app), read positions and unread counts ({@code ReadPositions},
 * {@code RoomList} and its socket {@code /ws/room-list/}), and typing indicators
 * ({@code TypingIndicators}).
 */
package dev.pulse.chat;
