-- What the billing endpoints read and write outside webhooks: the caller's
-- billing account, the subscription lock, and the link between a client and
-- its Stripe customer.
--
-- private.billing_account is granted to `authenticated` and runs inside the
-- service's PostgREST-style request transaction, so a revoked session or a
-- suspended account is rejected before it runs. `private` is not exposed
-- through PostgREST, so the frontend cannot call it directly.


-- Serializes every change to one client's subscription row for the rest of
-- the transaction, and returns the row as it is once the lock is held (no
-- row for a client without a subscription). Webhook deliveries, checkout
-- and sync all take this lock before they write.
create or replace function private.lock_stripe_subscription(p_client_id uuid)
returns table (
  plan_id text,
  status text,
  trial_ends_at timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean,
  stripe_customer_id text,
  stripe_subscription_id text,
  stripe_price_id text,
  last_stripe_event_at timestamptz
)
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('public.subscriptions:' || p_client_id::text, 0));
  return query
    select s.plan_id, s.status, s.trial_ends_at, s.current_period_end, s.cancel_at_period_end,
           s.stripe_customer_id, s.stripe_subscription_id, s.stripe_price_id, s.last_stripe_event_at
    from public.subscriptions s
    where s.client_id = p_client_id;
end;
$$;
revoke all on function private.lock_stripe_subscription(uuid) from public;
grant execute on function private.lock_stripe_subscription(uuid) to omega_api;


-- The caller's own billing account: who it is and what Stripe knows of it.
create or replace function private.billing_account()
returns table (
  client_id uuid,
  email text,
  full_name text,
  plan_id text,
  status text,
  stripe_customer_id text,
  stripe_subscription_id text,
  cancel_at_period_end boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller uuid := (select private.active_caller_id());
begin
  if v_caller is null then
    raise exception 'This account cannot manage billing while it or its agency is suspended'
      using errcode = 'PT403';
  end if;

  return query
    select c.id, c.email, c.full_name, s.plan_id, s.status, s.stripe_customer_id,
           s.stripe_subscription_id, coalesce(s.cancel_at_period_end, false)
    from public.clients c
    left join public.subscriptions s on s.client_id = c.id
    where c.id = v_caller;
end;
$$;
revoke all on function private.billing_account() from public;
grant execute on function private.billing_account() to authenticated;


-- Stores the client's Stripe customer unless one is stored already, and
-- returns the stored one. A client without a subscription row gets one in
-- status `incomplete` (no access, like having no row) to carry the customer.
-- The unique constraint on stripe_customer_id rejects a customer that is
-- already linked to another client.
create or replace function private.link_stripe_customer(p_client_id uuid, p_customer_id text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_stored text;
begin
  perform private.lock_stripe_subscription(p_client_id);

  insert into public.subscriptions (client_id, plan_id, status, stripe_customer_id)
  values (p_client_id, 'basic', 'incomplete', p_customer_id)
  on conflict (client_id) do update
    set stripe_customer_id = coalesce(public.subscriptions.stripe_customer_id, excluded.stripe_customer_id)
  returning stripe_customer_id into v_stored;

  return v_stored;
end;
$$;
revoke all on function private.link_stripe_customer(uuid, text) from public;
grant execute on function private.link_stripe_customer(uuid, text) to omega_api;


-- The client a Stripe object belongs to, looked up in this order: the stored
-- subscription id, the stored customer id, the `client_id` metadata written
-- at checkout, the Checkout Session's client_reference_id. Null when none
-- of them names an existing client.
create or replace function private.resolve_stripe_client(
  p_subscription_id text,
  p_customer_id text,
  p_metadata_client_id uuid,
  p_reference_client_id uuid
)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select s.client_id from public.subscriptions s where s.stripe_subscription_id = p_subscription_id),
    (select s.client_id from public.subscriptions s where s.stripe_customer_id = p_customer_id),
    (select c.id from public.clients c where c.id = p_metadata_client_id),
    (select c.id from public.clients c where c.id = p_reference_client_id)
  )
$$;
revoke all on function private.resolve_stripe_client(text, text, uuid, uuid) from public;
grant execute on function private.resolve_stripe_client(text, text, uuid, uuid) to omega_api;


-- Every subscription known to Stripe, for `omega billing sync`.
create or replace function private.stripe_subscription_ids()
returns table (client_id uuid, stripe_subscription_id text)
language sql
stable
security definer
set search_path = ''
as $$
  select s.client_id, s.stripe_subscription_id
  from public.subscriptions s
  where s.stripe_subscription_id is not null
  order by s.client_id
$$;
revoke all on function private.stripe_subscription_ids() from public;
grant execute on function private.stripe_subscription_ids() to omega_api;
