/**
 * Chat rooms (seed 003): public rooms and private one-to-one conversations, messages persisted
 * before they are broadcast, history and resume by message id, and presence counted by users.
 */
package dev.pulse.chat;
