-- Lets the leads list use its index when the request carries no filter.
--
-- Postgres ORs the permissive policies of a command together. With separate
-- admin and owner policies the condition of `select * from leads order by
-- created_at desc limit 50` was `(select is_owner()) or reseller_id = (select
-- admin_reseller_id())`, which no index can serve, so every admin's list read
-- all leads (72 ms at 1,000,000 leads; see bench/RESULTS.md). One policy with
-- `reseller_id = any (array)` is an index condition for everyone: the admin's
-- array holds its agency, the owner's every agency.

-- The agencies whose agency-owned rows the caller may read: its own for an
-- active admin of an active agency, every agency for the owner, none else.
create or replace function private.visible_reseller_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  -- One lookup of the caller, because this runs once per statement on the
  -- busiest list of the product.
  select coalesce(
    (select case
              when c.role = 'owner' then array(select r.id from public.resellers r)
              when c.role = 'reseller' and agency.status = 'active' then array[c.reseller_id]
            end
     from public.clients c
     left join public.resellers agency on agency.id = c.reseller_id
     where c.id = (select auth.uid()) and c.status = 'active'),
    '{}'::uuid[]
  )
$$;
revoke all on function private.visible_reseller_ids() from public;
grant execute on function private.visible_reseller_ids() to authenticated;

drop policy "Reseller admins can view their leads" on public.leads;
drop policy "The owner can view every lead" on public.leads;

create policy "Reseller admins and the owner can view leads"
  on public.leads for select to authenticated
  using (reseller_id = any ((select private.visible_reseller_ids())::uuid[]));
