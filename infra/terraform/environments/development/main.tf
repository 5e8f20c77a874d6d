# The development environment: small, one NAT gateway, Fargate Spot, single-AZ database, no deletion
# protection. modules/platform wires everything; this file states how development differs.

locals {
  environment = "development"

  tags = {
    Project     = "tcm"
    Environment = local.environment
    ManagedBy   = "terraform"
  }
}

module "platform" {
  source = "../../modules/platform"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment          = local.environment
  vpc_cidr             = var.vpc_cidr
  availability_zones   = var.availability_zones
  single_nat_gateway   = true
  enable_vpc_endpoints = false
  hosted_zone_name     = var.hosted_zone_name
  site_domain_name     = var.site_domain_name

  rest_image_tag          = var.rest_image_tag
  graphql_image_tag       = var.graphql_image_tag
  grpc_image_tag          = var.grpc_image_tag
  create_ecr_repositories = var.create_ecr_repositories

  capacity_provider                 = "FARGATE_SPOT"
  task_cpu                          = 256
  task_memory                       = 512
  desired_count                     = 1
  min_tasks                         = 1
  max_tasks                         = 2
  health_check_grace_period_seconds = 60

  db_instance_class                      = "db.t4g.small"
  db_allocated_storage                   = 20
  db_max_allocated_storage               = 100
  db_backup_retention_days               = 7
  db_performance_insights_retention_days = 7
  multi_az                               = false
  deletion_protection                    = false
  kms_deletion_window_in_days            = 7
  access_log_retention_days              = 90
  cloudfront_price_class                 = "PriceClass_200"

  db_password_generation          = var.db_password_generation
  origin_verify_secret_generation = var.origin_verify_secret_generation
  grpc_allowed_cidrs              = var.grpc_allowed_cidrs
  time_zone                       = var.time_zone
  # every trace: few requests, and each one may be the one looked for
  trace_sample_ratio = 1
  alarm_emails       = var.alarm_emails
}
