output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster, available once its capacity providers are associated (services need them)."
  value       = aws_ecs_cluster.this.arn
  # A service using FARGATE/FARGATE_SPOT must be created after, and destroyed before, the association.
  depends_on = [aws_ecs_cluster_capacity_providers.this]
}

output "exec_log_group_name" {
  description = "Log group of ECS Exec sessions."
  value       = aws_cloudwatch_log_group.exec.name
}
