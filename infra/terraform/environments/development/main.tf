# The development environment: small, one NAT gateway, Fargate Spot, no deletion protection.
# Every resource is named tcm-development-...; docs/conventions.md lists the names tools/ops relies on.

locals {
  environment = "development"
  name        = "tcm-${local.environment}"

  tags = {
    Project     = "tcm"
    Environment = local.environment
    ManagedBy   = "terraform"
  }

  # What differs between development and production, fixed here rather than left to a variable.
  single_nat_gateway   = true
  enable_vpc_endpoints = false
  multi_az             = false
  deletion_protection  = false
  capacity_provider    = "FARGATE_SPOT"
  min_tasks            = 1

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
}

module "secrets" {
  source = "../../modules/secrets"

  name                            = local.name
  parameter_prefix                = "/tcm/${local.environment}"
  jwt_key_generation              = var.jwt_key_generation
  jwt_retired_public_keys         = var.jwt_retired_public_keys
  origin_verify_secret_generation = var.origin_verify_secret_generation
  deletion_window_in_days         = 7
}

module "networking" {
  source = "../../modules/networking"

  name                    = local.name
  vpc_cidr                = var.vpc_cidr
  availability_zones      = var.availability_zones
  single_nat_gateway      = local.single_nat_gateway
  enable_vpc_endpoints    = local.enable_vpc_endpoints
  flow_log_retention_days = var.log_retention_days
  kms_key_arn             = module.secrets.kms_key_arn
}

module "ecr" {
  source = "../../modules/ecr"

  repository_names    = { for svc in keys(local.services) : svc => "tcm/${svc}" }
  create_repositories = var.create_ecr_repositories
  kms_key_arn         = module.secrets.kms_key_arn
}

module "ecs_cluster" {
  source = "../../modules/ecs-cluster"

  name                      = local.name
  default_capacity_provider = local.capacity_provider
  kms_key_arn               = module.secrets.kms_key_arn
  log_retention_days        = var.log_retention_days
}

module "database" {
  source = "../../modules/database"

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
  parameter_prefix                    = "/tcm/${local.environment}"
  multi_az                            = local.multi_az
  deletion_protection                 = local.deletion_protection
  backup_retention_days               = var.db_backup_retention_days
  performance_insights_retention_days = 7
  monitoring_interval_seconds         = 60
  slow_statement_ms                   = 500
  log_retention_days                  = var.log_retention_days
  kms_key_arn                         = module.secrets.kms_key_arn
}

module "dns_cert" {
  source = "../../modules/dns-cert"

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
  source = "../../modules/alb"

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
  deletion_protection       = local.deletion_protection
  access_log_retention_days = 90
  force_destroy_log_bucket  = !local.deletion_protection
}

module "service" {
  source   = "../../modules/service"
  for_each = local.services

  environment    = local.environment
  name_prefix    = local.name
  service_name   = each.key
  cluster_arn    = module.ecs_cluster.cluster_arn
  cluster_name   = module.ecs_cluster.cluster_name
  repository_url = module.ecr.repository_urls[each.key]
  repository_arn = module.ecr.repository_arns[each.key]
  image_tag      = each.value.image_tag
  container_port = each.value.port

  cpu                               = var.task_cpu
  memory                            = var.task_memory
  desired_count                     = var.desired_count
  min_capacity                      = local.min_tasks
  max_capacity                      = var.max_tasks
  cpu_target_percent                = 60
  requests_per_target               = var.requests_per_target
  capacity_provider                 = local.capacity_provider
  health_check_grace_period_seconds = 60

  vpc_id                  = module.networking.vpc_id
  vpc_cidr                = module.networking.vpc_cidr
  subnet_ids              = module.networking.private_subnet_ids
  alb_security_group_id   = module.alb.security_group_id
  target_group_arn        = module.alb.target_group_arns[each.key]
  alb_arn_suffix          = module.alb.alb_arn_suffix
  target_group_arn_suffix = module.alb.target_group_arn_suffixes[each.key]

  environment_variables = {
    TCM_DATABASE_HOST   = module.database.address
    TCM_DATABASE_PORT   = tostring(module.database.port)
    TCM_DATABASE_NAME   = module.database.database_name
    TCM_DATABASE_USER   = module.database.master_username
    TCM_ALLOWED_ORIGINS = local.public_base_url
    # The client address for login throttling is the X-Forwarded-For entry this many from the right.
    TCM_TRUSTED_PROXY_HOPS = tostring(each.value.proxy_hops)
  }
  ssm_secrets = merge(
    {
      TCM_DATABASE_PASSWORD = module.database.password_parameter_arn
      TCM_JWT_PUBLIC_KEYS   = module.secrets.jwt_public_keys_parameter_arn
    },
    { for name, arn in local.signing_key_secrets : name => arn if each.value.issues_tokens },
  )
  kms_key_arn          = module.secrets.kms_key_arn
  log_retention_days   = var.log_retention_days
  otel_collector_image = var.otel_collector_image
}

module "frontend" {
  source = "../../modules/frontend"

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
  price_class                 = "PriceClass_200"
  log_retention_days          = 90
  kms_deletion_window_in_days = 7
  force_destroy_buckets       = !local.deletion_protection
}

module "observability" {
  source = "../../modules/observability"

  name                      = local.name
  alarm_emails              = var.alarm_emails
  kms_key_arn               = module.secrets.kms_key_arn
  alb_arn_suffix            = module.alb.alb_arn_suffix
  target_group_arn_suffixes = module.alb.target_group_arn_suffixes
  ecs_cluster_name          = module.ecs_cluster.cluster_name
  ecs_service_names         = { for svc, service in module.service : svc => service.service_name }
  db_instance_identifier    = module.database.instance_identifier
}
