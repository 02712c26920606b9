-- private.billing_account also returns the end of the sign-up trial, so that
-- a checkout with a trial can end the Stripe trial when the sign-up trial
-- ends instead of adding a second one. The return type changes, hence the drop.

drop function private.billing_account();

create function private.billing_account()
returns table (
  client_id uuid,
  email text,
  full_name text,
  plan_id text,
  status text,
  trial_ends_at timestamptz,
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
    select c.id, c.email, c.full_name, s.plan_id, s.status, s.trial_ends_at, s.stripe_customer_id,
           s.stripe_subscription_id, coalesce(s.cancel_at_period_end, false)
    from public.clients c
    left join public.subscriptions s on s.client_id = c.id
    where c.id = v_caller;
end;
$$;
revoke all on function private.billing_account() from public;
grant execute on function private.billing_account() to authenticated;
