terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.95"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.1"
    }
  }

  # Remote state in S3 with S3-native locking (use_lockfile, Terraform >= 1.10: no DynamoDB table).
  # The bucket name holds the account id, so it is given at init time:
  #   terraform init -backend-config=backend.hcl   (copy backend.hcl.example)
  backend "s3" {
    key          = "tcm/development/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
