-- Issue 13: rooms users create, and each user's read position per room (unread counts).

-- Room names are unique ignoring case ("Lobby" next to "lobby" would be two rooms nobody can tell
-- apart): the folded name carries the unique constraint, so two concurrent creations cannot both win.
ALTER TABLE chat_room ADD COLUMN name_key VARCHAR(100);
UPDATE chat_room SET name_key = LOWER(name);
ALTER TABLE chat_room ALTER COLUMN name_key SET NOT NULL;
ALTER TABLE chat_room ADD CONSTRAINT chat_room_name_key_unique UNIQUE (name_key);

-- Who created a public room (null: seeded, private, or the account is gone).
ALTER TABLE chat_room ADD COLUMN created_by BIGINT REFERENCES account (id) ON DELETE SET NULL;

-- The id of the newest message a user has read in a room; it only moves forward.
-- No row: nothing read, every message of the room counts as unread (a room created after the
-- account); a new account starts at the newest message of every public room (see below and
-- ReadPositions.startAt), so old history is not "unread".
CREATE TABLE chat_read_position (
    account_id   BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    room_id      BIGINT NOT NULL REFERENCES chat_room (id) ON DELETE CASCADE,
    last_read_id BIGINT NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chat_read_position_pk PRIMARY KEY (account_id, room_id)
);

-- Unread counts read "messages of a room after id N by someone else": the (room_id, id) index serves them.
INSERT INTO chat_read_position (account_id, room_id, last_read_id, updated_at)
SELECT a.id, r.id, COALESCE((SELECT MAX(m.id) FROM chat_message m WHERE m.room_id = r.id), 0), CURRENT_TIMESTAMP
FROM account a CROSS JOIN chat_room r
WHERE r.is_private = FALSE;
