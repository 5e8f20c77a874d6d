# The environments pass these through as their own outputs (docs/conventions.md): keep names and shapes stable.

output "cluster_name" {
  description = "ECS cluster name (tcm-<env>)."
  value       = module.ecs_cluster.cluster_name
}

output "service_names" {
  description = "ECS service name by service (tcm-<env>-<svc>)."
  value       = { for svc, service in module.service : svc => service.service_name }
}

output "task_definition_families" {
  description = "Task definition family by service (tcm-<env>-<svc>)."
  value       = { for svc, service in module.service : svc => service.task_definition_family }
}

output "container_names" {
  description = "Application container name by service (<svc>)."
  value       = { for svc, service in module.service : svc => service.container_name }
}

output "ecr_repository_urls" {
  description = "ECR repository URL by service (tcm/<svc>)."
  value       = module.ecr.repository_urls
}

output "log_group_names" {
  description = "CloudWatch log group by service (/ecs/tcm-<env>/<svc>)."
  value       = { for svc, service in module.service : svc => service.log_group_name }
}

output "private_subnet_ids" {
  description = "Private subnets (for one-off tasks such as migrations)."
  value       = module.networking.private_subnet_ids
}

output "task_security_group_ids" {
  description = "Task security group by service (for one-off tasks)."
  value       = { for svc, service in module.service : svc => service.security_group_id }
}

output "frontend_bucket_name" {
  description = "S3 bucket of the SPA (tcm-<env>-frontend-<account id>)."
  value       = module.frontend.bucket_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution id (invalidations)."
  value       = module.frontend.distribution_id
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name (*.cloudfront.net)."
  value       = module.frontend.distribution_domain_name
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = module.alb.alb_dns_name
}

output "public_base_url" {
  description = "HTTPS URL of the site (SPA, /graphql, /api/*)."
  value       = module.dns_cert.public_base_url
}

output "grpc_endpoint" {
  description = "host:port of the gRPC endpoint."
  value       = "${module.dns_cert.grpc_domain_name}:${module.alb.grpc_port}"
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.observability.alarm_topic_arn
}
