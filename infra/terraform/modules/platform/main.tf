# One environment of the platform: every module wired together. The environments (development,
# production) call this module with what differs between them; everything else is decided here.
# Every resource is named tcm-<environment>-...; docs/conventions.md lists the names tools/ops relies on.

locals {
  name             = "tcm-${var.environment}"
  parameter_prefix = "/tcm/${var.environment}"

  origin_domain_name = "origin.${var.site_domain_name}"
  grpc_domain_name   = "grpc.${var.site_domain_name}"
  public_base_url    = "https://${var.site_domain_name}"

  # The three services: one module, three instances. issues_tokens: the service logs users in, so it
  # gets the private signing key; the others only verify tokens. proxy_hops: the proxies appending to
  # X-Forwarded-For on the way in (TCM_TRUSTED_PROXY_HOPS): browsers reach rest and graphql through
  # CloudFront and then the ALB; gRPC clients reach the ALB's gRPC listener directly.
  services = {
    rest    = { port = 8000, image_tag = var.rest_image_tag, issues_tokens = true, proxy_hops = 2 }
    graphql = { port = 8001, image_tag = var.graphql_image_tag, issues_tokens = true, proxy_hops = 2 }
    grpc    = { port = 50051, image_tag = var.grpc_image_tag, issues_tokens = false, proxy_hops = 1 }
  }

  signing_key_secrets = {
    TCM_JWT_PRIVATE_KEY    = module.secrets.jwt_private_key_parameter_arn
    TCM_JWT_PRIVATE_KEY_ID = module.secrets.jwt_private_key_id_parameter_arn
  }

  # The RDS CA bundle in the images (services/*/Dockerfile); the services verify the server with it.
  rds_ca_bundle_path = "/etc/ssl/certs/rds-global-bundle.pem"

  # One-off tasks run from the REST service's image (tcm-ops runs them). migrate connects as the
  # schema owner (the master user) and grants the services' role from the same parameters the
  # services read; nothing else ever gets the owner's password.
  one_off_task_service = "rest"
  one_off_tasks = {
    migrate = {
      command = ["migrate"]
      environment_variables = {
        TCM_DATABASE_USER     = module.database.master_username
        TCM_DATABASE_APP_ROLE = module.database.application_role
      }
      ssm_secrets = {
        TCM_DATABASE_PASSWORD     = module.database.password_parameter_arn
        TCM_DATABASE_APP_USER     = module.database.application_user_parameter_arn
        TCM_DATABASE_APP_PASSWORD = module.database.application_password_parameter_arn
      }
    }
  }
}

module "secrets" {
  source = "../secrets"

  name                            = local.name
  parameter_prefix                = local.parameter_prefix
  origin_verify_secret_generation = var.origin_verify_secret_generation
  deletion_window_in_days         = var.kms_deletion_window_in_days
}

module "networking" {
  source = "../networking"

  name                    = local.name
  vpc_cidr                = var.vpc_cidr
  availability_zones      = var.availability_zones
  single_nat_gateway      = var.single_nat_gateway
  enable_vpc_endpoints    = var.enable_vpc_endpoints
  flow_log_retention_days = var.log_retention_days
  kms_key_arn             = module.secrets.kms_key_arn
}

module "ecr" {
  source = "../ecr"

  repository_names    = { for svc in keys(local.services) : svc => "tcm/${svc}" }
  create_repositories = var.create_ecr_repositories
  kms_key_arn         = module.secrets.kms_key_arn
}

module "ecs_cluster" {
  source = "../ecs-cluster"

  name                      = local.name
  default_capacity_provider = var.capacity_provider
  kms_key_arn               = module.secrets.kms_key_arn
  log_retention_days        = var.log_retention_days
}

module "database" {
  source = "../database"

  name                                = local.name
  vpc_id                              = module.networking.vpc_id
  subnet_ids                          = module.networking.private_subnet_ids
  client_security_group_ids           = { for svc, service in module.service : svc => service.security_group_id }
  engine_version                      = "16"
  instance_class                      = var.db_instance_class
  allocated_storage                   = var.db_allocated_storage
  max_allocated_storage               = var.db_max_allocated_storage
  database_name                       = "tcm"
  master_username                     = "tcm_admin"
  password_generation                 = var.db_password_generation
  parameter_prefix                    = local.parameter_prefix
  multi_az                            = var.multi_az
  deletion_protection                 = var.deletion_protection
  backup_retention_days               = var.db_backup_retention_days
  performance_insights_retention_days = var.db_performance_insights_retention_days
  monitoring_interval_seconds         = 60
  slow_statement_ms                   = 500
  log_retention_days                  = var.log_retention_days
  kms_key_arn                         = module.secrets.kms_key_arn
}

module "dns_cert" {
  source = "../dns-cert"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  hosted_zone_name          = var.hosted_zone_name
  site_domain_name          = var.site_domain_name
  origin_domain_name        = local.origin_domain_name
  grpc_domain_name          = local.grpc_domain_name
  alb_dns_name              = module.alb.alb_dns_name
  alb_zone_id               = module.alb.alb_zone_id
  cloudfront_domain_name    = module.frontend.distribution_domain_name
  cloudfront_hosted_zone_id = module.frontend.distribution_hosted_zone_id
}

module "alb" {
  source = "../alb"

  name                      = local.name
  vpc_id                    = module.networking.vpc_id
  vpc_cidr                  = module.networking.vpc_cidr
  public_subnet_ids         = module.networking.public_subnet_ids
  certificate_arn           = module.dns_cert.regional_certificate_arn
  rest_port                 = local.services.rest.port
  graphql_port              = local.services.graphql.port
  grpc_port                 = local.services.grpc.port
  grpc_allowed_cidrs        = var.grpc_allowed_cidrs
  origin_verify_secret      = module.secrets.origin_verify_secret
  deletion_protection       = var.deletion_protection
  access_log_retention_days = var.access_log_retention_days
  force_destroy_log_bucket  = !var.deletion_protection
}

module "service" {
  source   = "../service"
  for_each = local.services

  environment      = var.environment
  name_prefix      = local.name
  parameter_prefix = local.parameter_prefix
  service_name     = each.key
  cluster_arn      = module.ecs_cluster.cluster_arn
  cluster_name     = module.ecs_cluster.cluster_name
  repository_url   = module.ecr.repository_urls[each.key]
  repository_arn   = module.ecr.repository_arns[each.key]
  image_tag        = each.value.image_tag
  container_port   = each.value.port

  cpu                               = var.task_cpu
  memory                            = var.task_memory
  desired_count                     = var.desired_count
  min_capacity                      = var.min_tasks
  max_capacity                      = var.max_tasks
  cpu_target_percent                = 60
  requests_per_target               = var.requests_per_target
  capacity_provider                 = var.capacity_provider
  health_check_grace_period_seconds = var.health_check_grace_period_seconds

  vpc_id                  = module.networking.vpc_id
  vpc_cidr                = module.networking.vpc_cidr
  subnet_ids              = module.networking.private_subnet_ids
  alb_security_group_id   = module.alb.security_group_id
  target_group_arn        = module.alb.target_group_arns[each.key]
  alb_arn_suffix          = module.alb.alb_arn_suffix
  target_group_arn_suffix = module.alb.target_group_arn_suffixes[each.key]

  environment_variables = {
    TCM_DATABASE_HOST          = module.database.address
    TCM_DATABASE_PORT          = tostring(module.database.port)
    TCM_DATABASE_NAME          = module.database.database_name
    TCM_DATABASE_SSL_MODE      = "verify-full"
    TCM_DATABASE_SSL_ROOT_CERT = local.rds_ca_bundle_path
    TCM_ALLOWED_ORIGINS        = local.public_base_url
    # The client address for login throttling is the X-Forwarded-For entry this many from the right.
    TCM_TRUSTED_PROXY_HOPS = tostring(each.value.proxy_hops)
    TCM_TIME_ZONE          = var.time_zone
    TCM_TRACE_SAMPLE_RATIO = tostring(var.trace_sample_ratio)
  }
  # The services' login role (rows only), never the owner: see modules/database.
  ssm_secrets = merge(
    {
      TCM_DATABASE_USER     = module.database.application_user_parameter_arn
      TCM_DATABASE_PASSWORD = module.database.application_password_parameter_arn
      TCM_JWT_PUBLIC_KEYS   = module.secrets.jwt_public_keys_parameter_arn
    },
    { for name, arn in local.signing_key_secrets : name => arn if each.value.issues_tokens },
  )
  one_off_tasks        = { for task, spec in local.one_off_tasks : task => spec if each.key == local.one_off_task_service }
  kms_key_arn          = module.secrets.kms_key_arn
  log_retention_days   = var.log_retention_days
  otel_collector_image = var.otel_collector_image
}

module "frontend" {
  source = "../frontend"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name                        = local.name
  site_domain_name            = var.site_domain_name
  certificate_arn             = module.dns_cert.cloudfront_certificate_arn
  alb_origin_domain_name      = local.origin_domain_name
  origin_verify_header_name   = "X-Origin-Verify"
  origin_verify_secret        = module.secrets.origin_verify_secret
  price_class                 = var.cloudfront_price_class
  log_retention_days          = var.access_log_retention_days
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  force_destroy_buckets       = !var.deletion_protection
}

module "observability" {
  source = "../observability"

  name                      = local.name
  alarm_emails              = var.alarm_emails
  kms_key_arn               = module.secrets.kms_key_arn
  alb_arn_suffix            = module.alb.alb_arn_suffix
  target_group_arn_suffixes = module.alb.target_group_arn_suffixes
  ecs_cluster_name          = module.ecs_cluster.cluster_name
  ecs_service_names         = { for svc, service in module.service : svc => service.service_name }
  db_instance_identifier    = module.database.instance_identifier
}
