# The production environment: Multi-AZ database, one NAT gateway per AZ, VPC endpoints, deletion
# protection, 3 tasks per service. modules/platform wires everything; this file states how production
# differs.

locals {
  environment = "production"

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
  single_nat_gateway   = false
  enable_vpc_endpoints = true
  hosted_zone_name     = var.hosted_zone_name
  site_domain_name     = var.site_domain_name

  rest_image_tag          = var.rest_image_tag
  graphql_image_tag       = var.graphql_image_tag
  grpc_image_tag          = var.grpc_image_tag
  create_ecr_repositories = var.create_ecr_repositories

  capacity_provider                 = "FARGATE"
  task_cpu                          = 512
  task_memory                       = 1024
  desired_count                     = 3
  min_tasks                         = 3
  max_tasks                         = 10
  health_check_grace_period_seconds = 90

  db_instance_class                      = "db.m7g.large"
  db_allocated_storage                   = 50
  db_max_allocated_storage               = 500
  db_backup_retention_days               = 30
  db_performance_insights_retention_days = 31
  multi_az                               = true
  deletion_protection                    = true
  kms_deletion_window_in_days            = 30
  access_log_retention_days              = 365
  cloudfront_price_class                 = "PriceClass_All"

  db_password_generation          = var.db_password_generation
  origin_verify_secret_generation = var.origin_verify_secret_generation
  grpc_allowed_cidrs              = var.grpc_allowed_cidrs
  time_zone                       = var.time_zone
  # 5 % of the traces that start here: the cost of tracing stays small (docs/telemetry.md)
  trace_sample_ratio = 0.05
  alarm_emails       = var.alarm_emails
}
