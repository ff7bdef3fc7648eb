-- NULL: the deployment's default (CUEFLOW_RATE_LIMIT_PER_MINUTE); 0: unlimited.
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute BIGINT;
