-- Demo data for local development only; never load it into production.
-- Every demo user signs in with the password `omega-demo`. The businesses
-- and people are invented.

insert into public.resellers (id, slug, agency_name, status) values
  ('10000000-0000-4000-a000-000000000001', 'impulso-digital', 'Impulso Digital', 'active'),
  ('10000000-0000-4000-a000-000000000002', 'agencia-norte', 'Agencia Norte', 'active'),
  ('10000000-0000-4000-a000-000000000003', 'estudio-sur', 'Estudio Sur', 'suspended');

insert into public.clients (id, email, full_name, role, reseller_id, status) values
  ('00000000-0000-4000-a000-000000000001', 'owner@example.com', 'Lucía Fernández', 'owner', null, 'active'),
  ('00000000-0000-4000-a000-000000000011', 'reseller@example.com', 'Martín Ríos', 'reseller', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000012', 'client@example.com', 'Carmen Ortega', 'client', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000013', 'cafeteria@example.com', 'Andrés Molina', 'client', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000014', 'gimnasio@example.com', 'Sofía Navarro', 'client', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000021', 'norte@example.com', 'Javier Castillo', 'reseller', '10000000-0000-4000-a000-000000000002', 'active'),
  ('00000000-0000-4000-a000-000000000022', 'floristeria@example.com', 'Elena Prieto', 'client', '10000000-0000-4000-a000-000000000002', 'active'),
  ('00000000-0000-4000-a000-000000000023', 'clinica@example.com', 'Raúl Domínguez', 'client', '10000000-0000-4000-a000-000000000002', 'active'),
  ('00000000-0000-4000-a000-000000000031', 'directo@example.com', 'Paula Herrera', 'client', null, 'active'),
  ('00000000-0000-4000-a000-000000000032', 'suspendido@example.com', 'Tomás Vidal', 'client', '10000000-0000-4000-a000-000000000001', 'suspended');

-- bcrypt hashes (cost 12) of `omega-demo`, one salt per user.
insert into private.credentials (client_id, password_hash) values
  ('00000000-0000-4000-a000-000000000001', '$2b$12$ngzFxJD.tdoeap5ATVOKcO2ucFs2.8GLltBJzvQWZvsUxS.iPAMVi'),
  ('00000000-0000-4000-a000-000000000011', '$2b$12$YiO07VeiABsy0opAj4207OHC3gOiqU6wWqAtZ7jZNpW2/pb5Q2GBW'),
  ('00000000-0000-4000-a000-000000000012', '$2b$12$PnnLzMsyeC9VVBArHbZhIeFgOAZUFS3j5neCl8QNeOCHsLhtFQnZK'),
  ('00000000-0000-4000-a000-000000000013', '$2b$12$ZZysP5GNKstE9a0Tq7lgne8XXu0QIHvpzDEEyvrhCQQO9SAbbV4fi'),
  ('00000000-0000-4000-a000-000000000014', '$2b$12$enEvBnX2mjN6OhRnzS8tf.EttyIAt370eCygWUWto7m2heMfi2OdC'),
  ('00000000-0000-4000-a000-000000000021', '$2b$12$Mjc2IRo34la/Nf5MwtoxmO8U9k809VQK19AGKg1ZUfFvfQvFZcWQO'),
  ('00000000-0000-4000-a000-000000000022', '$2b$12$iAL6S/owYHayIeH6lHPqbeWsLgsaPciht7DEsOWm46ps2CUc7pVfy'),
  ('00000000-0000-4000-a000-000000000023', '$2b$12$kR1314EV.6S0GONidfrHUOU2fkWA2Z5KUFEtaoiAIeCYj7jNoGvmK'),
  ('00000000-0000-4000-a000-000000000031', '$2b$12$QpuosoJ.oPxgBsTFhJ6VmuAi5gX/ro56.PvAgf71QopxhXWfgb8cu'),
  ('00000000-0000-4000-a000-000000000032', '$2b$12$oKJ2ipf2S1/F8T.as/0inuDZVdzospreL7kbz9DasweLng8FgZuWi');
