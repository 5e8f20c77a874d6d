output "alb_arn" {
  description = "ARN of the ALB."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB (CloudWatch dimension LoadBalancer)."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route53 hosted zone of the ALB (alias records)."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "ID of the ALB security group (the only source the tasks accept)."
  value       = aws_security_group.this.id
}

output "target_group_arns" {
  description = "Target group ARNs by service (rest, graphql, grpc)."
  value = {
    rest    = aws_lb_target_group.rest.arn
    graphql = aws_lb_target_group.graphql.arn
    grpc    = aws_lb_target_group.grpc.arn
  }
  # ECS refuses a target group that no listener uses yet: services wait for the routing.
  depends_on = [aws_lb_listener_rule.graphql, aws_lb_listener_rule.rest, aws_lb_listener.grpc]
}

output "target_group_arn_suffixes" {
  description = "Target group ARN suffixes by service (CloudWatch dimension TargetGroup)."
  value = {
    rest    = aws_lb_target_group.rest.arn_suffix
    graphql = aws_lb_target_group.graphql.arn_suffix
    grpc    = aws_lb_target_group.grpc.arn_suffix
  }
}

output "target_group_names" {
  description = "Target group names by service (tcm-<env>-<svc>)."
  value = {
    rest    = aws_lb_target_group.rest.name
    graphql = aws_lb_target_group.graphql.name
    grpc    = aws_lb_target_group.grpc.name
  }
}

output "access_log_bucket" {
  description = "S3 bucket of the ALB access logs."
  value       = aws_s3_bucket.logs.id
}

output "grpc_port" {
  description = "Port of the gRPC listener."
  value       = aws_lb_listener.grpc.port
}
