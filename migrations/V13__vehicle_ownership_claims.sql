-- A VIN no longer belongs to whoever registers it first: each customer may claim a VIN once, so
-- a squatter cannot block the real owner. Claims stay unverified until staff verify one, and at
-- most one claim of a VIN can be verified. History and appointments hang off the vehicle row of
-- each claim, so two claimants of one VIN never see each other's records.
--
-- Expand/contract: the previous release inserts vehicles without the new columns (unverified)
-- and maps its unique-violation to 409, which it now gets only for a second claim by one customer.
ALTER TABLE vehicles
    ADD COLUMN ownership_verified_at timestamptz,
    ADD COLUMN ownership_verified_by uuid REFERENCES users (id) ON DELETE SET NULL;

CREATE UNIQUE INDEX vehicles_customer_vin_key ON vehicles (customer_id, vin);
CREATE UNIQUE INDEX vehicles_verified_vin_key ON vehicles (vin) WHERE ownership_verified_at IS NOT NULL;
CREATE INDEX vehicles_vin_idx ON vehicles (vin);
DROP INDEX vehicles_vin_key;
