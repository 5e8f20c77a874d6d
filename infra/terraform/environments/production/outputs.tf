# What `terraform output -json` gives tools/ops (docs/conventions.md): keep names and shapes stable.

output "environment" {
  description = "Environment name."
  value       = local.environment
}

output "aws_region" {
  description = "AWS region of the environment."
  value       = var.aws_region
}

output "cluster_name" {
  description = "ECS cluster name (tcm-<env>)."
  value       = module.platform.cluster_name
}

output "service_names" {
  description = "ECS service name by service (tcm-<env>-<svc>)."
  value       = module.platform.service_names
}

output "task_definition_families" {
  description = "Task definition family by service (tcm-<env>-<svc>)."
  value       = module.platform.task_definition_families
}

output "container_names" {
  description = "Application container name by service (<svc>)."
  value       = module.platform.container_names
}

output "ecr_repository_urls" {
  description = "ECR repository URL by service (tcm/<svc>)."
  value       = module.platform.ecr_repository_urls
}

output "log_group_names" {
  description = "CloudWatch log group by service (/ecs/tcm-<env>/<svc>)."
  value       = module.platform.log_group_names
}

output "private_subnet_ids" {
  description = "Private subnets (for one-off tasks such as migrations)."
  value       = module.platform.private_subnet_ids
}

output "task_security_group_ids" {
  description = "Task security group by service (for one-off tasks)."
  value       = module.platform.task_security_group_ids
}

output "frontend_bucket_name" {
  description = "S3 bucket of the SPA (tcm-<env>-frontend-<account id>)."
  value       = module.platform.frontend_bucket_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution id (invalidations)."
  value       = module.platform.cloudfront_distribution_id
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name (*.cloudfront.net)."
  value       = module.platform.cloudfront_domain_name
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = module.platform.alb_dns_name
}

output "public_base_url" {
  description = "HTTPS URL of the site (SPA, /graphql, /api/*)."
  value       = module.platform.public_base_url
}

output "grpc_endpoint" {
  description = "host:port of the gRPC endpoint."
  value       = module.platform.grpc_endpoint
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.platform.alarm_topic_arn
}
