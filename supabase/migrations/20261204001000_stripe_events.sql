-- Stripe webhook bookkeeping: every processed event id, and the billing
-- notices (trial ending, payment failed) that events leave for the client.
--
-- The service records an event in the same transaction as the state change
-- it causes, so a failed handler leaves no trace and Stripe's retry applies
-- the event later, while a second delivery of a processed event finds its id
-- and changes nothing.

create table private.stripe_events (
  -- Stripe's event id, `evt_...`.
  id text primary key
    constraint stripe_events_id_format check (id ~ '^evt_[A-Za-z0-9_]{1,250}$'),
  type text not null
    constraint stripe_events_type_length check (char_length(type) between 1 and 100),
  -- The event's `created` time in Stripe, which orders state changes.
  stripe_created_at timestamptz not null,
  livemode boolean not null,
  -- The client the event was linked to; null for events that concern no client.
  client_id uuid references public.clients (id) on delete set null,
  -- What processing did, for support and for the sync report.
  outcome text
    constraint stripe_events_outcome_valid check (
      outcome in (
        'applied', 'refreshed', 'stale', 'other_subscription', 'unknown_price',
        'recorded', 'no_change', 'ignored'
      )
    ),
  received_at timestamptz not null default now()
);
comment on table private.stripe_events is 'Stripe events already processed; a redelivered id is acknowledged and skipped.';
create index stripe_events_client_id_idx on private.stripe_events (client_id);
-- TODO: prune rows older than 30 days; Stripe stops retrying an event after 3 days.

revoke all on table private.stripe_events from public, anon, authenticated, service_role;


create table private.billing_notices (
  id bigint generated always as identity primary key,
  client_id uuid not null references public.clients (id) on delete cascade,
  kind text not null
    constraint billing_notices_kind_valid check (kind in ('trial_will_end', 'payment_failed')),
  stripe_event_id text not null unique references private.stripe_events (id) on delete cascade,
  -- When the trial ends, or when Stripe retries the failed payment next.
  occurs_at timestamptz,
  -- Amount of the failed invoice in the smallest currency unit.
  amount_due integer,
  created_at timestamptz not null default now(),
  -- Set by whatever sends the notice to the client.
  notified_at timestamptz
);
comment on table private.billing_notices is 'Billing facts a client must be told about, waiting to be sent.';
create index billing_notices_pending_idx on private.billing_notices (created_at) where notified_at is null;
-- TODO: nothing sends these notices yet; an email job should read the pending ones.

revoke all on table private.billing_notices from public, anon, authenticated, service_role;


-- Claims an event id for this transaction. Returns false when the id was
-- already processed. A concurrent delivery of the same id waits here until
-- the first transaction ends: it then returns false after a commit, or
-- claims the id itself after a rollback.
create or replace function private.claim_stripe_event(
  p_event_id text,
  p_event_type text,
  p_created timestamptz,
  p_livemode boolean
)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into private.stripe_events (id, type, stripe_created_at, livemode)
  values (p_event_id, p_event_type, p_created, p_livemode)
  on conflict (id) do nothing;
  return found;
end;
$$;
revoke all on function private.claim_stripe_event(text, text, timestamptz, boolean) from public;
grant execute on function private.claim_stripe_event(text, text, timestamptz, boolean) to omega_api;


create or replace function private.finish_stripe_event(p_event_id text, p_client_id uuid, p_outcome text)
returns void
language sql
security definer
set search_path = ''
as $$
  update private.stripe_events
  set client_id = p_client_id, outcome = p_outcome
  where id = p_event_id
$$;
revoke all on function private.finish_stripe_event(text, uuid, text) from public;
grant execute on function private.finish_stripe_event(text, uuid, text) to omega_api;


create or replace function private.record_billing_notice(
  p_event_id text,
  p_client_id uuid,
  p_kind text,
  p_occurs_at timestamptz,
  p_amount_due integer
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into private.billing_notices (client_id, kind, stripe_event_id, occurs_at, amount_due)
  values (p_client_id, p_kind, p_event_id, p_occurs_at, p_amount_due)
$$;
revoke all on function private.record_billing_notice(text, uuid, text, timestamptz, integer) from public;
grant execute on function private.record_billing_notice(text, uuid, text, timestamptz, integer) to omega_api;
