output "service_name" {
  description = "Name of the ECS service (tcm-<env>-<svc>)."
  value       = aws_ecs_service.this.name
}

output "task_definition_family" {
  description = "Family of the task definition (tcm-<env>-<svc>)."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_arn" {
  description = "ARN of the task definition revision Terraform registered."
  value       = aws_ecs_task_definition.this.arn
}

output "container_name" {
  description = "Name of the application container (the service name)."
  value       = var.service_name
}

output "log_group_name" {
  description = "Log group of the application and collector containers (/ecs/tcm-<env>/<svc>)."
  value       = aws_cloudwatch_log_group.this.name
}

output "security_group_id" {
  description = "ID of the task security group."
  value       = aws_security_group.this.id
}

output "execution_role_arn" {
  description = "ARN of the task execution role."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role."
  value       = aws_iam_role.task.arn
}
