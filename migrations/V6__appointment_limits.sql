-- A vehicle is in one place at a time: no two active appointments of one vehicle may overlap, at
-- one dealer or at two, even when booked concurrently. Overlapping active bookings made before this
-- rule are resolved first: the earliest-made stands, the later ones are cancelled with a note.
WITH overlapping AS (
    SELECT DISTINCT later.id
    FROM appointments later
    JOIN appointments earlier
      ON earlier.vehicle_id = later.vehicle_id
     AND earlier.id <> later.id
     AND earlier.slot && later.slot
     AND (earlier.created_at, earlier.id) < (later.created_at, later.id)
    WHERE later.status IN ('requested', 'confirmed') AND earlier.status IN ('requested', 'confirmed')
)
UPDATE appointments a
SET status = 'cancelled',
    notes = concat_ws(E'\n', a.notes, 'Cancelled: overlapped an earlier booking of the same vehicle.'),
    updated_at = now()
FROM overlapping o
WHERE a.id = o.id;

ALTER TABLE appointments ADD CONSTRAINT appointments_vehicle_once_at_a_time
    EXCLUDE USING gist (vehicle_id WITH =, slot WITH &&) WHERE (status IN ('requested', 'confirmed'));
