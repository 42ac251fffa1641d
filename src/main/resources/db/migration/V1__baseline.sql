-- Pulse schema baseline: each later version adds one feature's tables.
SELECT 1;
