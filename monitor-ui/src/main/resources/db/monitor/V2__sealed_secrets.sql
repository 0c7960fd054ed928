-- The broker password and client key are kept sealed (v1:<base64>, AES-256-GCM with
-- NEMO_SETTINGS_ENCRYPTION_KEY, the column's name as associated data). Values stored in clear by
-- earlier versions are sealed after the migration at each start once a key is set (SealClearSecrets).
COMMENT ON COLUMN broker_settings.password IS 'sealed: v1:<base64 nonce||ciphertext||tag>, associated data "password"';
COMMENT ON COLUMN broker_settings.client_key_pem IS 'sealed: v1:<base64 nonce||ciphertext||tag>, associated data "client_key_pem"';
