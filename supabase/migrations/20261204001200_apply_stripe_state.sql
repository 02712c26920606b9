-- Writes Stripe's subscription state into public.subscriptions so that the
-- newest state wins, whatever order webhooks arrive in.
--
-- Each write takes the client's subscription lock (see
-- private.lock_stripe_subscription) and compares the time of the state it
-- carries with last_stripe_event_at: an older state is skipped, and an event
-- from the same second is handed back as a tie for the service to resolve by
-- reading the subscription from Stripe.


-- Applies one Stripe subscription state to the client's row and returns:
--   'applied'            the row now holds this state;
--   'unchanged'          the row already held it (last_stripe_event_at may move);
--   'stale'              the row holds newer state, nothing written;
--   'tie'                an event from the same second as the stored state,
--                        nothing written; read the subscription from Stripe
--                        and apply it with p_is_current;
--   'other_subscription' the client has another subscription that is still
--                        live, nothing written (for example one created in the
--                        Stripe dashboard for the same customer).
-- p_observed_at is the event's `created` time, or for a state read from the
-- API (p_is_current) the `Date` of Stripe's response. Both come from Stripe's
-- clock, so a skewed clock on this server cannot reorder states.
create or replace function private.apply_stripe_subscription(
  p_client_id uuid,
  p_observed_at timestamptz,
  p_is_current boolean,
  p_subscription_id text,
  p_customer_id text,
  p_plan_id text,
  p_price_id text,
  p_status text,
  p_trial_ends_at timestamptz,
  p_current_period_end timestamptz,
  p_cancel_at_period_end boolean
)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row record;
  v_found boolean;
begin
  select * into v_row from private.lock_stripe_subscription(p_client_id);
  v_found := found;

  if v_found and v_row.stripe_subscription_id is distinct from p_subscription_id
     and v_row.stripe_subscription_id is not null
     and v_row.status not in ('canceled', 'incomplete_expired') then
    return 'other_subscription';
  end if;

  if v_found and v_row.last_stripe_event_at is not null then
    if p_observed_at < v_row.last_stripe_event_at then
      return 'stale';
    elsif p_observed_at = v_row.last_stripe_event_at and not p_is_current then
      return 'tie';
    end if;
  end if;

  insert into public.subscriptions as s (
    client_id, plan_id, status, trial_ends_at, current_period_end, cancel_at_period_end,
    stripe_customer_id, stripe_subscription_id, stripe_price_id, last_stripe_event_at
  )
  values (
    p_client_id, p_plan_id, p_status, p_trial_ends_at, p_current_period_end, p_cancel_at_period_end,
    p_customer_id, p_subscription_id, p_price_id, p_observed_at
  )
  on conflict (client_id) do update
    set plan_id = excluded.plan_id,
        status = excluded.status,
        trial_ends_at = excluded.trial_ends_at,
        current_period_end = excluded.current_period_end,
        cancel_at_period_end = excluded.cancel_at_period_end,
        stripe_customer_id = excluded.stripe_customer_id,
        stripe_subscription_id = excluded.stripe_subscription_id,
        stripe_price_id = excluded.stripe_price_id,
        last_stripe_event_at = greatest(s.last_stripe_event_at, excluded.last_stripe_event_at);

  if v_found and (v_row.plan_id, v_row.status, v_row.trial_ends_at, v_row.current_period_end,
                  v_row.cancel_at_period_end, v_row.stripe_customer_id, v_row.stripe_subscription_id,
                  v_row.stripe_price_id)
      is not distinct from (p_plan_id, p_status, p_trial_ends_at, p_current_period_end,
                            p_cancel_at_period_end, p_customer_id, p_subscription_id, p_price_id) then
    return 'unchanged';
  end if;
  return 'applied';
end;
$$;
revoke all on function private.apply_stripe_subscription(
  uuid, timestamptz, boolean, text, text, text, text, text, timestamptz, timestamptz, boolean
) from public;
grant execute on function private.apply_stripe_subscription(
  uuid, timestamptz, boolean, text, text, text, text, text, timestamptz, timestamptz, boolean
) to omega_api;


-- Handles a deleted Stripe customer: the client forgets the customer id, so
-- its next checkout creates a new customer, and a Stripe subscription it had
-- is canceled, because Stripe cancels every subscription of a deleted
-- customer whatever order the events arrive in. Returns the client and
-- 'applied', or no row when no client has this customer.
create or replace function private.forget_stripe_customer(p_customer_id text, p_observed_at timestamptz)
returns table (client_id uuid, outcome text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_client_id uuid;
begin
  select s.client_id into v_client_id
  from public.subscriptions s
  where s.stripe_customer_id = p_customer_id;
  if v_client_id is null then
    return;
  end if;

  perform private.lock_stripe_subscription(v_client_id);

  update public.subscriptions s
  set stripe_customer_id = null,
      status = case
        when s.stripe_subscription_id is not null and s.status not in ('canceled', 'incomplete_expired')
          then 'canceled'
        else s.status
      end,
      cancel_at_period_end = case when s.stripe_subscription_id is not null then false
                                  else s.cancel_at_period_end end,
      last_stripe_event_at = greatest(s.last_stripe_event_at, p_observed_at)
  where s.client_id = v_client_id;

  return query select v_client_id, 'applied'::text;
end;
$$;
revoke all on function private.forget_stripe_customer(text, timestamptz) from public;
grant execute on function private.forget_stripe_customer(text, timestamptz) to omega_api;
