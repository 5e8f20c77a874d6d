output "regional_certificate_arn" {
  description = "ARN of the validated certificate of the ALB (origin and gRPC names)."
  value       = aws_acm_certificate_validation.regional.certificate_arn
}

output "cloudfront_certificate_arn" {
  description = "ARN of the validated us-east-1 certificate of the CloudFront distribution."
  value       = aws_acm_certificate_validation.cloudfront.certificate_arn
}

output "public_base_url" {
  description = "HTTPS URL of the site."
  value       = "https://${aws_route53_record.site["A"].name}"
}

output "origin_domain_name" {
  description = "Domain of the ALB as CloudFront origin."
  value       = aws_route53_record.origin.name
}

output "grpc_domain_name" {
  description = "Domain of the gRPC endpoint."
  value       = aws_route53_record.grpc.name
}
